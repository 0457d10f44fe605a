"""The extract stage: quotes, events and claims from annotated articles."""
