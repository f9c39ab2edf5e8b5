"""What pages and exports read: dimensions, series, roll-ups, places, freshness, operations."""
