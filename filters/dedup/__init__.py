"""Near-duplicate detection: image pHash (phash.py), instruction MinHash (minhash.py), the index (index.py) and the `dedup` judge (judge.py)."""
