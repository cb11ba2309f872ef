"""Judges that decide what is kept: each adds `<filter>_<metric>` columns and rejects
with a reason; none drops a row (see judge.py)."""
