// A page that shows the logo from the same stage, so a browser asks for it with <img>.
export const handler = async (event) => {
  const stage = event.requestContext.stage;
  const html = `<!doctype html>
<html><head><meta charset="utf-8"><title>gatehouse example: ${stage}</title></head>
<body style="font-family: sans-serif">
  <h1>Stage <code>${stage}</code></h1>
  <p><img id="logo" src="/${stage}/logo.png" alt="gatehouse logo" width="64" height="64"></p>
  <p>Stage <code>http</code> is an HTTP API, which always decodes base64 bodies. Stage <code>fixed</code> lists <code>image/*</code> in binaryMediaTypes; stage <code>broken</code> lists nothing,
  so API Gateway hands the browser base64 text and the image breaks. The gatehouse terminal explains why.</p>
  <p><a href="/${stage}/hello">/${stage}/hello</a> (JSON) · <a href="/${stage}/boom">/${stage}/boom</a> (a function that throws)</p>
</body></html>`;
  return { statusCode: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: html };
};
