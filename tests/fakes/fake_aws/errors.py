"""AWS errors and their wire formats, one per protocol family.

Formats (from the services' API references and botocore's parsers):
EC2 Query: <Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>;
other Query APIs (STS, IAM): <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/>;
S3 REST-XML: <Error><Code/><Message/><RequestId/></Error>;
JSON 1.1 (SSM, Service Quotas, Pricing): {"__type": code, "message": ...} with x-amzn-ErrorType.
"""
import json
import uuid
from xml.sax.saxutils import escape


class AwsError(Exception):
    def __init__(self, code, message, status=400):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.status = status


# Per-protocol codes for the same authentication failure (the services differ).
AUTH_CODES = {
    "unknown_key": {"ec2": "AuthFailure", "s3": "InvalidAccessKeyId",
                    "query": "InvalidClientTokenId", "json": "UnrecognizedClientException"},
    "bad_signature": {"ec2": "SignatureDoesNotMatch", "s3": "SignatureDoesNotMatch",
                      "query": "SignatureDoesNotMatch", "json": "InvalidSignatureException"},
    # Temporary credentials past their Expiration (EC2 answers RequestExpired for them too).
    "expired_token": {"ec2": "RequestExpired", "s3": "ExpiredToken", "query": "ExpiredToken",
                      "json": "ExpiredTokenException"},
    "skew": {"ec2": "RequestExpired", "s3": "RequestTimeTooSkewed",
             "query": "SignatureDoesNotMatch", "json": "InvalidSignatureException"},
}

PROTOCOL_OF_SERVICE = {"ec2": "ec2", "s3": "s3", "sts": "query", "iam": "query", "ssm": "json",
                       "servicequotas": "json", "pricing": "json"}
QUERY_NAMESPACES = {"sts": "https://sts.amazonaws.com/doc/2011-06-15/",
                    "iam": "https://iam.amazonaws.com/doc/2010-05-08/"}


def auth_error(kind, service, message, status=None):
    protocol = PROTOCOL_OF_SERVICE.get(service, "s3")
    default_status = {("ec2", "unknown_key"): 401, ("s3", "expired_token"): 400}.get(
        (protocol, kind), 403)
    return AwsError(AUTH_CODES[kind][protocol], message, status or default_status)


def render(error, service):
    """Returns (status, headers, body bytes) for an error in the service's format."""
    request_id = str(uuid.uuid4())
    protocol = PROTOCOL_OF_SERVICE.get(service, "s3")
    code, message = escape(error.code), escape(error.message)
    if protocol == "json":
        body = json.dumps({"__type": error.code, "message": error.message}).encode()
        return error.status, {"Content-Type": "application/x-amz-json-1.1",
                              "x-amzn-ErrorType": error.code,
                              "x-amzn-RequestId": request_id}, body
    if protocol == "ec2":
        text = (f"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>{code}"
                f"</Code><Message>{message}</Message></Error></Errors>"
                f"<RequestID>{request_id}</RequestID></Response>")
    elif protocol == "query":
        kind = "Sender" if error.status < 500 else "Receiver"
        text = (f"<ErrorResponse xmlns=\"{QUERY_NAMESPACES[service]}\"><Error>"
                f"<Type>{kind}</Type><Code>{code}</Code><Message>{message}</Message></Error>"
                f"<RequestId>{request_id}</RequestId></ErrorResponse>")
    else:
        text = (f"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code>"
                f"<Message>{message}</Message><RequestId>{request_id}</RequestId></Error>")
    return error.status, {"Content-Type": "text/xml", "x-amz-request-id": request_id}, text.encode()
