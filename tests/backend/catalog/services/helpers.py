from django.core.exceptions import ValidationError


def error_codes(error: ValidationError) -> dict[str, list[str]]:
    """{field: [code, ...]} of a domain ValidationError."""
    return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}
