export const handler = async (event) => ({
  statusCode: 200,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({
    message: process.env.GREETING,
    stage: event.requestContext.stage,
    path: event.path,
    query: event.queryStringParameters,
  }),
});
