"""The accessibility statement ``/tillganglighet``."""
