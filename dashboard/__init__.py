"""The audit web app over Lance datasets (`unisynth dashboard URI ...`).

Layers, top down:
  cli.py        the command: arguments, uvicorn, loopback Host check, token
  app.py        FastAPI routes (thin) and the error -> HTTP status mapping
  security.py   bearer token / cookie gate, the token form, loopback Host names
  catalog.py    the datasets served, by name (no request reaches a path)
  overview.py   counts, funnel, pass rates, histograms (pipelines.funnel_report), versions
  grid.py       filters -> Lance SQL, row-id index per (version, filter), pages by `take`
  samples.py    one sample by row id (checked) or id; its image bytes
  thumbs.py     thumbnails on demand, LRU in memory + WebP files on disk
  detail.py     everything about one sample; overlay.py: OCR lines and boxes to draw
  labelling.py  good / bad / skip -> the append-only audits table (pipelines.audits)
  sessions.py   stratified audit sessions (generator x score bucket) for one reviewer
  agreement.py  judge vs human agreement (pipelines.calibrate) as JSON and CSV
  static/       the page: plain HTML, JS and CSS, no build step, nothing from a CDN
"""
