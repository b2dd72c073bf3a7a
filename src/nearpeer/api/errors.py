"""Every API error is JSON with a plain ``detail``, and ``errors`` by field where that helps."""

from django.core.exceptions import (
    NON_FIELD_ERRORS,
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
    TooManyFilesSent,
    ValidationError,
)
from django.http import Http404
from django.http.multipartparser import MultiPartParserError
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaError

from nearpeer.api.auth import NO_CREDENTIALS

NOT_FOUND = "Not found."
BAD_MULTIPART = (
    "The request body is not a valid multipart/form-data upload ({why}). Send the file as a "
    "form field named “file” and let your HTTP client set the Content-Type header with its "
    "boundary, for example: curl -F file=@roster.csv …"
)
BAD_JSON = (
    "The request body is not valid JSON. Send a JSON object with the header "
    "“Content-Type: application/json”."
)
TOO_BIG = "The request is too large. Send less data at a time."
TOO_MANY = "The request has too many form fields or files. Send fewer at a time."
BAD_REQUEST = "The request could not be read. Check its Content-Type header and body."
# ninja's own words for a body it could not parse (the reason is added only with DEBUG on).
_NINJA_UNPARSABLE = "Cannot parse request body"
# Where ninja says an input came from; the field name follows it (and the parameter's own name,
# such as "payload", which means nothing to a caller).
_SOURCES = {"body", "query", "path", "form", "file", "header", "cookie"}


def _field_name(loc, param_names) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in _SOURCES:
        parts = parts[1:]
    if parts and parts[0] in param_names:
        parts = parts[1:]  # an error about the input as a whole has nothing after this
    return ".".join(parts) or NON_FIELD_ERRORS


def _schema_error(api: NinjaAPI, request, exc: SchemaError):
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        field = _field_name(error.get("loc", ()), {"payload", "filters", "ninja_pagination"})
        message = str(error.get("msg", "This value is not valid.")).removeprefix("Value error, ")
        errors.setdefault(field, []).append(message)
    fields = ", ".join(sorted(errors))
    return api.create_response(
        request, {"detail": f"Some values are not valid: {fields}.", "errors": errors}, status=422
    )


def _service_error(api: NinjaAPI, request, exc: ValidationError):
    if hasattr(exc, "error_dict"):
        errors = dict(exc.message_dict)
    else:
        errors = {NON_FIELD_ERRORS: list(exc.messages)}
    detail = " ".join(m for msgs in errors.values() for m in msgs)
    return api.create_response(request, {"detail": detail, "errors": errors}, status=400)


def _unauthenticated(api: NinjaAPI, request, exc: AuthenticationError):
    message = NO_CREDENTIALS if exc.message == AuthenticationError().message else exc.message
    response = api.create_response(request, {"detail": message}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="nearpeer"'
    return response


def _bad_multipart(api: NinjaAPI, request, exc: MultiPartParserError):
    why = str(exc).rstrip(".") or "it could not be read"
    return api.create_response(request, {"detail": BAD_MULTIPART.format(why=why)}, status=400)


def _unreadable(api: NinjaAPI, request, exc: SuspiciousOperation):
    """Django's guards against oversized or malformed requests, answered as JSON."""
    if isinstance(exc, RequestDataTooBig):
        return api.create_response(request, {"detail": TOO_BIG}, status=413)
    detail = TOO_MANY if isinstance(exc, TooManyFieldsSent | TooManyFilesSent) else BAD_REQUEST
    return api.create_response(request, {"detail": detail}, status=400)


def _http_error(api: NinjaAPI, request, exc: HttpError):
    detail = str(exc)
    if exc.status_code == 400 and detail.startswith(_NINJA_UNPARSABLE):
        detail = BAD_JSON
    return api.create_response(request, {"detail": detail}, status=exc.status_code)


def install(api: NinjaAPI) -> None:
    """Register nearpeer's error answers on the API."""
    api.add_exception_handler(
        Http404,
        lambda request, exc: api.create_response(request, {"detail": NOT_FOUND}, status=404),
    )
    api.add_exception_handler(
        PermissionDenied,
        lambda request, exc: api.create_response(
            request, {"detail": str(exc) or "You can't do that here."}, status=403
        ),
    )
    api.add_exception_handler(ValidationError, lambda r, e: _service_error(api, r, e))
    api.add_exception_handler(SchemaError, lambda r, e: _schema_error(api, r, e))
    api.add_exception_handler(AuthenticationError, lambda r, e: _unauthenticated(api, r, e))
    api.add_exception_handler(HttpError, lambda r, e: _http_error(api, r, e))
    api.add_exception_handler(MultiPartParserError, lambda r, e: _bad_multipart(api, r, e))
    api.add_exception_handler(SuspiciousOperation, lambda r, e: _unreadable(api, r, e))
