"""The FastAPI app: routes are thin; each hands a checked request to the module that owns
the work (grid, samples, thumbs, detail, labelling, sessions, overview, agreement).

Every route is under /api/datasets/{name}/..., where `name` is one of the datasets given
at start (catalog.py); the page itself is static files from dashboard/static/ (plain
HTML, JS and CSS: no build step, nothing from a CDN, and a Content-Security-Policy that
forbids loading anything from elsewhere). Bad parameters are 400 with a message that
names them, unknown things 404; handlers below map the modules' exceptions.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import Body, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from PIL import UnidentifiedImageError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from dashboard import grid, samples
from dashboard.agreement import Agreements, to_csv
from dashboard.catalog import Catalog
from dashboard.detail import sample_detail
from dashboard.errors import BadData, BadRequest, NotFound
from dashboard.labelling import LabelIn, add_label, labels_of, latest_labels
from dashboard.overview import Overviews
from dashboard.security import TokenGate
from dashboard.sessions import SessionIn, SessionStore
from dashboard.thumbs import ThumbnailCache, check_size, default_cache_dir
from pipelines.audits import AuditError, NoAuditsError
from pipelines.inspection import NotADatasetError

STATIC = Path(__file__).resolve().parent / "static"
CSP = ("default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; "
       "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
IMMUTABLE = "private, max-age=86400"  # a sample id's pixels never change

Names = Annotated[list[str], Query(max_length=50)]
Row = Annotated[int | None, Query(ge=0, le=2**64 - 1)]


def _status_handler(status: int):
    async def handler(_request, exc):
        return _error(status, str(exc))
    return handler


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers={"Cache-Control": "no-store"})


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for e in exc.errors()[:5]:
        where = ".".join(str(p) for p in e.get("loc", ()) if p not in ("query", "body", "path"))
        parts.append(f"{where or 'request'}: {e.get('msg', 'invalid')}")
    return "; ".join(parts)


def create_app(uris: list[str], *, token: str | None = None, allowed_hosts: list[str] | None = None,
               cache_dir: Path | None = None, use_disk_cache: bool = True) -> FastAPI:
    """The dashboard over `uris` (opened now: a bad URI fails here, not on a request)."""
    catalog = Catalog(uris)
    index = grid.RowIndex()
    thumbs = ThumbnailCache((cache_dir or default_cache_dir()) if use_disk_cache else None)
    overviews, agreements, sessions = Overviews(), Agreements(), SessionStore()

    app = FastAPI(title="unisynth dashboard", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.catalog, app.state.thumbs, app.state.index = catalog, thumbs, index

    # Each bad-input error maps to one status; the message is the exception's one line.
    for error, status in ((BadRequest, 400), (AuditError, 400), (NotFound, 404), (NoAuditsError, 404),
                          (NotADatasetError, 404), (BadData, 422)):
        app.add_exception_handler(error, _status_handler(status))

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request, exc):
        return _error(400, _validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request, exc):
        return _error(exc.status_code, str(exc.detail))

    if token:
        app.middleware("http")(TokenGate(token))

    @app.middleware("http")
    async def _headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        if request.url.path.startswith("/api/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def index_page():
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-store"})

    @app.get("/api/datasets")
    def list_datasets() -> list[dict[str, Any]]:
        return [{"name": d.name, "uri": d.uri, "version": d.dataset.version, "rows": d.dataset.count_rows()}
                for d in catalog]

    @app.get("/api/datasets/{name}/overview")
    def overview(name: str):
        return overviews.overview(catalog.get(name))

    @app.get("/api/datasets/{name}/charts/{chart}")
    def chart(name: str, chart: str):
        return Response(overviews.chart(catalog.get(name), chart), media_type="image/png")

    @app.get("/api/datasets/{name}/breakdown")
    def breakdown(name: str, by: str):
        return {"by": by, "rows": overviews.breakdown(catalog.get(name), by)}

    @app.get("/api/datasets/{name}/facets")
    def facets(name: str):
        served = catalog.get(name)
        rates = overviews.overview(served)["pass_rates"]
        return {"generators": [r["generator"] for r in rates["by_generator"]],
                "templates": sorted({r["template"] for r in rates["by_generator_template"]}),
                "tasks": [r["task"] for r in rates["by_task"]], "numeric": served.numeric_columns()}

    @app.get("/api/datasets/{name}/samples")
    def sample_page(name: str, generator: Names = [], template: Names = [], task: Names = [],  # noqa: B006
                    verdict: Names = [], q: str = "", score: Names = [],  # noqa: B006
                    offset: Annotated[int, Query(ge=0, le=10**12)] = 0,
                    limit: Annotated[int, Query(ge=1, le=grid.MAX_LIMIT)] = 48):
        served = catalog.get(name)
        query = grid.parse_query(served, generator=generator, template=template, task=task, verdict=verdict, q=q,
                                 score=score)
        result = grid.page(served, index, query, offset, limit)
        labels = latest_labels(served, [r["id"] for r in result["rows"]])
        for r in result["rows"]:
            r["label"] = labels.get(r["id"])
        return result

    @app.get("/api/datasets/{name}/sample")
    def sample(name: str, id: Annotated[str, Query(min_length=1, max_length=samples.MAX_ID)], row: Row = None):
        return sample_detail(catalog.get(name), id, row)

    @app.get("/api/datasets/{name}/image")
    def image(name: str, id: Annotated[str, Query(min_length=1, max_length=samples.MAX_ID)], row: Row = None,
              column: str = "image"):
        _row, data = samples.payload(catalog.get(name), id, row, column)
        return Response(data, media_type=samples.image_type(data), headers={"Cache-Control": IMMUTABLE})

    @app.get("/api/datasets/{name}/thumb")
    def thumb(name: str, id: Annotated[str, Query(min_length=1, max_length=samples.MAX_ID)], row: Row = None,
              column: str = "image", size: int = 192):
        served = catalog.get(name)
        check_size(size)
        if column not in served.payload_columns():
            raise BadRequest(f"column: {column!r} is not allowed; allowed: {', '.join(served.payload_columns())}")
        samples.check_id(id)
        key = thumbs.key(served.uri, id, column, size)
        try:
            data = thumbs.get(key, lambda: samples.payload(served, id, row, column)[1], size)
        except (UnidentifiedImageError, OSError) as exc:
            raise BadData(f"the {column} of sample {id!r} is not a decodable image ({type(exc).__name__})") from None
        return Response(data, media_type="image/webp", headers={"Cache-Control": IMMUTABLE})

    @app.get("/api/datasets/{name}/labels")
    def sample_labels(name: str, id: Annotated[str, Query(min_length=1, max_length=samples.MAX_ID)]):
        return {"id": id, "labels": labels_of(catalog.get(name), [samples.check_id(id)]).get(id, [])}

    @app.post("/api/datasets/{name}/labels")
    def post_label(name: str, label: Annotated[LabelIn, Body()]):
        served = catalog.get(name)
        if label.session:
            sessions.require_member(served, label.session, label.sample_id)
        stored = add_label(served, label)
        return {"stored": stored, "labels": labels_of(served, [label.sample_id]).get(label.sample_id, [])}

    @app.get("/api/datasets/{name}/sessions")
    def list_sessions(name: str):
        return {"sessions": sessions.list(catalog.get(name))}

    @app.post("/api/datasets/{name}/sessions")
    def new_session(name: str, request: Annotated[SessionIn, Body()], generator: Names = [],  # noqa: B006
                    template: Names = [], task: Names = [], verdict: Names = [], q: str = "",  # noqa: B006
                    score: Names = []):  # noqa: B006
        served = catalog.get(name)
        query = grid.parse_query(served, generator=generator, template=template, task=task, verdict=verdict, q=q,
                                 score=score)
        return sessions.create(served, request, query)

    @app.get("/api/datasets/{name}/sessions/{session_id}")
    def get_session(name: str, session_id: Annotated[str, PathParam(pattern=r"^[0-9a-f]{12}$")]):
        return sessions.get(catalog.get(name), session_id)

    @app.get("/api/datasets/{name}/agreement")
    def agreement(name: str):
        return agreements.report(catalog.get(name))

    @app.get("/api/datasets/{name}/agreement.csv")
    def agreement_csv(name: str):
        served = catalog.get(name)
        return Response(to_csv(agreements.report(served)), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{served.name}.agreement.csv"'})

    return app
