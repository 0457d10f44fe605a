"""The only JSON code in newsift: records to and from JSON through msgspec.

Decoding validates against the record type and names the path of a bad field.
"""

from __future__ import annotations

import json
from typing import Any, TypeVar

import msgspec

from newsift.errors import InputError

__all__ = ["decode", "encode", "encode_pretty", "to_builtins"]

T = TypeVar("T")

_encoder = msgspec.json.Encoder(order="deterministic")


def encode(obj: object) -> bytes:
    """Compact, deterministic JSON for records, tuples, enums and datetimes."""
    return _encoder.encode(obj)


def to_builtins(obj: object) -> Any:
    """Records as plain dicts/lists/str, ready for any renderer."""
    return msgspec.to_builtins(obj, order="deterministic")


def encode_pretty(obj: object) -> str:
    """Indented JSON with sorted keys, for goldens and human eyes."""
    return json.dumps(to_builtins(obj), indent=2, sort_keys=True, ensure_ascii=False)


def decode(data: bytes | str, type_: type[T], *, source: str = "<json>") -> T:
    """Decode JSON into ``type_``.

    Raises:
        InputError: the JSON is malformed or does not match the record (the message names the path).
    """
    try:
        return msgspec.json.decode(data, type=type_)
    except msgspec.DecodeError as err:
        raise InputError(source, f"invalid JSON for {type_.__name__}: {err}") from err
