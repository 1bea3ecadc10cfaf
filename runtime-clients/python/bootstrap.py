"""gatehouse's Python runtime client: standard library only, speaking the Lambda Runtime API.

Behaviour follows AWS's aws-lambda-python-runtime-interface-client (awslambdaric/bootstrap.py):
handler `module.function`, error documents {errorMessage, errorType, requestId, stackTrace}
(lambda.md §9.3), init errors posted to /runtime/init/error with Lambda-Runtime-Function-Error-Type.
"""
import http.client
import importlib
import json
import os
import sys
import time
import traceback

API = os.environ.get("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001")
BASE = "/2018-06-01/runtime"


class FaultException(Exception):
    IMPORT_MODULE_ERROR = "Runtime.ImportModuleError"
    MALFORMED_HANDLER_NAME = "Runtime.MalformedHandlerName"
    USER_CODE_SYNTAX_ERROR = "Runtime.UserCodeSyntaxError"
    HANDLER_NOT_FOUND = "Runtime.HandlerNotFound"

    def __init__(self, exception_type, msg, trace=None):
        super().__init__(msg)
        self.msg = msg
        self.exception_type = exception_type
        self.trace = trace


class RuntimeApiClient:
    def __init__(self, address):
        host, _, port = address.rpartition(":")
        self.connection = http.client.HTTPConnection(host, int(port))

    def request(self, method, path, body=None, headers=None):
        self.connection.request(method, BASE + path, body=body, headers=headers or {})
        response = self.connection.getresponse()
        return response, response.read()

    def next(self):
        response, body = self.request("GET", "/invocation/next")
        return body, {k.lower(): v for k, v in response.getheaders()}

    def post_response(self, request_id, body):
        self.request("POST", "/invocation/%s/response" % request_id, body, {"Content-Type": "application/json"})

    def post_error(self, path, document, error_type):
        headers = {"Content-Type": "application/json", "Lambda-Runtime-Function-Error-Type": error_type}
        self.request("POST", path, json.dumps(document).encode("utf-8"), headers)


def error_document(exc_info, request_id=None):
    etype, value, tb = exc_info
    if isinstance(value, FaultException):
        document = {"errorMessage": value.msg, "errorType": value.exception_type, "requestId": request_id or "", "stackTrace": value.trace or []}
    else:
        document = {
            "errorMessage": str(value),
            "errorType": etype.__name__,
            "requestId": request_id or "",
            "stackTrace": traceback.format_list(traceback.extract_tb(tb)),
        }
    return document


def load_handler(handler):
    try:
        modname, fname = handler.rsplit(".", 1)
    except ValueError:
        raise FaultException(FaultException.MALFORMED_HANDLER_NAME, "Bad handler '%s': not enough values to unpack (expected 2, got 1)" % handler)
    try:
        if modname.split(".")[0] in sys.builtin_module_names:
            raise FaultException(FaultException.IMPORT_MODULE_ERROR, "Cannot use built-in module %s as a handler module" % modname)
        module = importlib.import_module(modname.replace("/", "."))
    except FaultException:
        raise
    except ImportError as e:
        raise FaultException(FaultException.IMPORT_MODULE_ERROR, "Unable to import module '%s': %s" % (modname, str(e)))
    except SyntaxError as e:
        trace = ['  File "%s" Line %s\n    %s\n' % (e.filename, e.lineno, e.text)]
        raise FaultException(FaultException.USER_CODE_SYNTAX_ERROR, "Syntax error in module '%s': %s" % (modname, str(e)), trace)
    handler_fn = getattr(module, fname, None)
    if handler_fn is None:
        raise FaultException(FaultException.HANDLER_NOT_FOUND, "Handler '%s' missing on module '%s'" % (fname, modname))
    return handler_fn


class LambdaContext:
    def __init__(self, headers):
        self.aws_request_id = headers.get("lambda-runtime-aws-request-id")
        self.invoked_function_arn = headers.get("lambda-runtime-invoked-function-arn")
        self._deadline_ms = int(headers.get("lambda-runtime-deadline-ms", "0"))
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        client_context = headers.get("lambda-runtime-client-context")
        identity = headers.get("lambda-runtime-cognito-identity")
        self.client_context = json.loads(client_context) if client_context else None
        self.identity = json.loads(identity) if identity else None

    def get_remaining_time_in_millis(self):
        return int(max(self._deadline_ms - int(round(time.time() * 1000)), 0))


def main():
    sys.path.insert(0, os.environ.get("LAMBDA_TASK_ROOT", os.getcwd()))
    client = RuntimeApiClient(API)
    try:
        handler = load_handler(os.environ.get("_HANDLER", ""))
    except Exception:
        document = error_document(sys.exc_info())
        print("[ERROR] %s: %s" % (document["errorType"], document["errorMessage"]), flush=True)
        client.post_error("/init/error", document, document["errorType"])
        sys.exit(1)
    while True:
        body, headers = client.next()
        request_id = headers.get("lambda-runtime-aws-request-id")
        trace_id = headers.get("lambda-runtime-trace-id")
        if trace_id:
            os.environ["_X_AMZN_TRACE_ID"] = trace_id
        else:
            os.environ.pop("_X_AMZN_TRACE_ID", None)
        try:
            result = handler(json.loads(body), LambdaContext(headers))
            client.post_response(request_id, json.dumps(result).encode("utf-8"))
        except Exception:
            document = error_document(sys.exc_info(), request_id)
            print("[ERROR] %s: %s" % (document["errorType"], document["errorMessage"]), flush=True)
            client.post_error("/invocation/%s/error" % request_id, document, document["errorType"])


if __name__ == "__main__":
    main()
