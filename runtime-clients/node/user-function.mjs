// @ts-check
/**
 * Handler resolution exactly as AWS's Node runtime (RIC `src/UserFunction.js`, lambda.md §4).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  HandlerNotFound,
  ImportModuleError,
  MalformedHandlerName,
  MalformedStreamingHandler,
  UserCodeSyntaxError,
} from './errors.mjs';

const require = createRequire(import.meta.url);
const FUNCTION_EXPR = /^([^.]*)\.(.*)$/;
const HANDLER_STREAMING = Symbol.for('aws.lambda.runtime.handler.streaming');
const HANDLER_HIGHWATERMARK = Symbol.for('aws.lambda.runtime.handler.streaming.highWaterMark');
export const STREAM_RESPONSE = 'response';

/** `src/handlers/api.get` → [`src/handlers/`, `api.get`] */
function moduleRootAndHandler(/** @type {string} */ fullHandlerString) {
  const handlerString = path.basename(fullHandlerString);
  return [fullHandlerString.substring(0, fullHandlerString.indexOf(handlerString)), handlerString];
}

/** Split at the first dot: module name, then the property path (lambda.md §4.1). */
function splitHandlerString(/** @type {string} */ handler) {
  const match = handler.match(FUNCTION_EXPR);
  if (match?.length !== 3) throw new MalformedHandlerName('Bad handler');
  return [/** @type {string} */ (match?.[1]), /** @type {string} */ (match?.[2])];
}

/** @param {any} object @param {string} nestedProperty */
function resolveHandler(object, nestedProperty) {
  return nestedProperty.split('.').reduce((nested, key) => nested?.[key], object);
}

/** @param {string} file @param {string} [extension] */
function tryRequireFile(file, extension) {
  const target = file + (extension || '');
  return fs.existsSync(target) ? require(target) : undefined;
}

/** @param {string} file @param {string} extension */
async function tryAwaitImport(file, extension) {
  const target = file + extension;
  return fs.existsSync(target) ? await import(pathToFileURL(target).href) : undefined;
}

/** Nearest package.json `type`, stopping at `/` or a `node_modules` folder (lambda.md §4.3). */
function hasFolderPackageJsonTypeModule(/** @type {string} */ folder) {
  if (folder.endsWith('/node_modules')) return false;
  const pj = path.join(folder, '/package.json');
  if (fs.existsSync(pj)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(pj, 'utf8'));
      if (pkg) return pkg.type === 'module';
    } catch (e) {
      console.warn(`${pj} cannot be read, it will be ignored for ES module detection purposes.`, e);
      return false;
    }
  }
  if (folder === '/') return false;
  return hasFolderPackageJsonTypeModule(path.resolve(folder, '..'));
}

function hasPackageJsonTypeModule(/** @type {string} */ file) {
  const jsPath = `${file}.js`;
  return fs.existsSync(jsPath) ? hasFolderPackageJsonTypeModule(path.resolve(path.dirname(jsPath))) : false;
}

/** Candidates in RIC order: extensionless, .js (CJS), .js (ESM), .mjs, .cjs, then require.resolve. */
async function tryRequire(/** @type {string} */ appRoot, /** @type {string} */ moduleRoot, /** @type {string} */ module) {
  const lambdaStylePath = path.resolve(appRoot, moduleRoot, module);
  const extensionless = tryRequireFile(lambdaStylePath);
  if (extensionless) return extensionless;
  const pjHasModule = hasPackageJsonTypeModule(lambdaStylePath);
  if (!pjHasModule) {
    const loaded = tryRequireFile(lambdaStylePath, '.js');
    if (loaded) return loaded;
  }
  const loaded =
    (pjHasModule && (await tryAwaitImport(lambdaStylePath, '.js'))) ||
    (await tryAwaitImport(lambdaStylePath, '.mjs')) ||
    tryRequireFile(lambdaStylePath, '.cjs');
  if (loaded) return loaded;
  return require(require.resolve(module, { paths: [appRoot, moduleRoot] }));
}

/** `globalThis.awslambda` (lambda.md §4.10), installed before user code loads. */
function installGlobalAwsLambda() {
  const flag = process.env.AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA;
  if (flag === '1' || flag === 'true') return;
  /** @type {any} */ (globalThis).awslambda = {
    /** @param {any} handler @param {{ highWaterMark?: number }} [options] */
    streamifyResponse(handler, options) {
      handler[HANDLER_STREAMING] = STREAM_RESPONSE;
      if (typeof options?.highWaterMark === 'number') handler[HANDLER_HIGHWATERMARK] = options.highWaterMark;
      return handler;
    },
    HttpResponseStream,
  };
}

/** RIC `src/HttpResponseStream.js`: a JSON prelude, then 8 NUL bytes, before the body. */
// biome-ignore lint/complexity/noStaticOnlyClass: AWS's API is `awslambda.HttpResponseStream.from(...)`.
class HttpResponseStream {
  /** @param {any} underlyingStream @param {unknown} prelude */
  static from(underlyingStream, prelude) {
    underlyingStream.setContentType?.('application/vnd.awslambda.http-integration-response');
    underlyingStream.write(JSON.stringify(prelude));
    underlyingStream.write(new Uint8Array(8));
    return underlyingStream;
  }
}

/** @param {string} appRoot @param {string} moduleRoot @param {string} module */
async function loadUserApp(appRoot, moduleRoot, module) {
  installGlobalAwsLambda();
  try {
    return await tryRequire(appRoot, moduleRoot, module);
  } catch (e) {
    // lambda.md §4.6: SyntaxError and require's MODULE_NOT_FOUND are wrapped; anything else passes through.
    if (e instanceof SyntaxError) throw new UserCodeSyntaxError(/** @type {any} */ (e));
    if (/** @type {any} */ (e)?.code === 'MODULE_NOT_FOUND') throw new ImportModuleError(/** @type {any} */ (e));
    throw e;
  }
}

/** @param {string} appRoot @param {string} fullHandlerString @returns {Promise<Function>} */
export async function loadHandler(appRoot, fullHandlerString) {
  if (fullHandlerString.includes('..')) {
    throw new MalformedHandlerName(
      `'${fullHandlerString}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`,
    );
  }
  const [moduleRoot, moduleAndHandler] = moduleRootAndHandler(fullHandlerString);
  const [module, handlerPath] = splitHandlerString(/** @type {string} */ (moduleAndHandler));
  const userApp = await loadUserApp(appRoot, /** @type {string} */ (moduleRoot), module);
  const handlerFunc = resolveHandler(userApp, handlerPath);
  if (!handlerFunc) throw new HandlerNotFound(`${fullHandlerString} is undefined or not exported`);
  if (typeof handlerFunc !== 'function') throw new HandlerNotFound(`${fullHandlerString} is not a function`);
  return handlerFunc;
}

/** @param {any} handler */
export function getHandlerMetadata(handler) {
  let streaming = false;
  const mark = handler[HANDLER_STREAMING];
  if (mark !== undefined && mark !== null && mark !== false) {
    if (mark !== STREAM_RESPONSE) throw new MalformedStreamingHandler('Only response streaming is supported.');
    streaming = true;
  }
  return {
    streaming,
    isAsync: handler?.constructor?.name === 'AsyncFunction',
    argsNum: handler.length,
  };
}
