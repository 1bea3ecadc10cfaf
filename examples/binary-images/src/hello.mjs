export const handler = async (event) => ({
  statusCode: 200,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({
    message: process.env.GREETING,
    stage: event.requestContext.stage,
    path: event.path ?? event.rawPath, // REST and payload 1.0 have path; payload 2.0 has rawPath
    query: event.queryStringParameters,
  }),
});
