"""The status method ``/metod``: how statuses, ranks and roll-ups are computed, for readers."""
