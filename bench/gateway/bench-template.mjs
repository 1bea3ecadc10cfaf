// The SAM template both gateway benches serve: the three bench handlers (bench/gateway/functions), each behind a
// REST API route (stage `bench`) and an HTTP API route.
import { fileURLToPath } from 'node:url';

export const functionsDir = fileURLToPath(new URL('./functions', import.meta.url));

/** A SAM template's opening, with Globals every bench function shares: Node 20, the bench handlers' folder. */
export function templateHead(memorySizeMb) {
  return `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs20.x
    CodeUri: ${JSON.stringify(functionsDir)}
    Timeout: 10
    MemorySize: ${memorySizeMb}
`;
}

export function benchTemplate() {
  const route = (id, handler, path) => `
  ${id}:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.${handler}
      Events:
        Rest:
          Type: Api
          Properties: { RestApiId: !Ref BenchApi, Path: ${path}, Method: get }
        Http:
          Type: HttpApi
          Properties: { Path: ${path}, Method: get }`;
  return `${templateHead(256)}Resources:
  BenchApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: bench
      BinaryMediaTypes: [image~1png, application~1octet-stream]
${route('HelloFunction', 'hello', '/hello')}
${route('PngFunction', 'png1k', '/png')}
${route('BigFunction', 'binary1m', '/big')}
`;
}
