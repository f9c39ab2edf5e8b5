"""The database: schema, migrations, engine, writes, the catalogue copy, run log and lock."""
