"""The place pages: a municipality's or county's profile, the place search and the comparison."""
