"""The local data page: a municipality's own data for its areas, beside the register statistics."""
