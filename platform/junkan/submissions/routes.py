"""HTTP routes of the submission pipeline. One service call per handler."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Literal

from fastapi import APIRouter, BackgroundTasks, Depends, Header, Query, Request
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from junkan.auth.principal import Principal
from junkan.flows.wiring import data_changed
from junkan.submissions.errors import ConcurrentWrite
from junkan.submissions.jobs import Received
from junkan.submissions.queries import SubmissionQueries
from junkan.submissions.service import (
    SubmissionService,
    SubmitRequest,
    SubmitResult,
    retrying_concurrent_writes,
)
from junkan.web.deps import (
    ANY_ROLE,
    DeferredAuth,
    UnitOfWorkRoute,
    get_session,
    require,
    require_in_handler,
)

router = APIRouter(prefix="/api/v1", route_class=UnitOfWorkRoute, tags=["submissions"])

AnyMember = Annotated[Principal, require(*ANY_ROLE)]
DbSession = Annotated[Session, Depends(get_session)]


@router.post("/submissions", status_code=201)
async def submit(
    request: Request,
    caller: Annotated[DeferredAuth, require_in_handler("member", "secretariat")],
    mode: Literal["atomic", "partial"] = "atomic",
    dry_run: bool = False,
    format: Annotated[str | None, Query(max_length=40)] = None,
    content_type: Annotated[str, Header()] = "",
    idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
    junkan_connector_config: Annotated[str | None, Header(max_length=65536)] = None,
    background: BackgroundTasks = None,  # type: ignore[assignment]  (injected by FastAPI)
) -> JSONResponse:
    """Submit records: JSON-LD (a record, an array or a @graph), NDJSON, or ?format=<converter>."""
    state = request.app.state
    submit_request = SubmitRequest(
        b"", content_type, format, mode, dry_run, idempotency_key, junkan_connector_config
    )
    threshold = state.settings.async_threshold_bytes
    declared = request.headers.get("content-length", "")
    announced_large = declared.isdigit() and int(declared) > threshold
    principal: Principal | None = None
    if announced_large or not declared.isdigit():
        # A large body, or one of unannounced length: the key is checked before a byte of
        # it is read. A small one is read first, so that key check, pipeline and COMMIT
        # share one worker-thread hop.
        principal = await run_in_threadpool(caller.principal)
    if announced_large and not dry_run:
        # A large upload goes to disk as it arrives and is processed as a job.
        fingerprint = submit_request.fingerprint_hasher() if idempotency_key else None
        received = await state.jobs.receive(request.stream(), fingerprint)
        return await _accept_job(request, principal, submit_request, background, received)
    body = await request.body()
    submit_request = replace(submit_request, body=body)
    if not dry_run and len(body) > threshold:
        principal = principal or await run_in_threadpool(caller.principal)
        return await _accept_job(request, principal, submit_request, background)

    def authenticate_submit_commit() -> SubmitResult:
        uow = request.state.uow
        if dry_run:
            uow.write = False  # a dry run only reads: it does not queue behind writers
        submitter = principal or caller.principal()

        def attempt() -> SubmitResult:
            service = SubmissionService(uow.get(), state.limits, state.check_options)
            try:
                result = service.submit(submitter, submit_request)
            except ConcurrentWrite:
                uow.finish(False)
                raise
            uow.finish(True)
            return result

        return retrying_concurrent_writes(attempt)

    result = await run_in_threadpool(authenticate_submit_commit)
    headers = {"Idempotent-Replayed": "true"} if result.replayed else {}
    if result.status_code == 201 and not dry_run and not result.replayed:
        # Records changed (and committed): the analytics snapshot is rebuilt after a quiet
        # interval. Called here, not as a background task: it only moves a deadline, and a
        # synchronous background task would cost every submission another thread hop.
        data_changed(request.app)
    if result.status_code == 201:
        headers["Location"] = f"/api/v1/submissions/{result.body['id']}"
    return JSONResponse(result.body, status_code=result.status_code, headers=headers)


async def _accept_job(
    request: Request,
    principal: Principal,
    submit_request: SubmitRequest,
    background: BackgroundTasks,
    received: Received | None = None,
) -> JSONResponse:
    """202: the row and the body are saved now; the worker starts after this commits."""
    jobs = request.app.state.jobs
    service = SubmissionService(
        request.state.uow.get(), request.app.state.limits, request.app.state.check_options
    )
    try:
        if received is None:
            result = await run_in_threadpool(service.accept_job, principal, submit_request)
        else:
            result = await run_in_threadpool(
                service.accept_job,
                principal,
                submit_request,
                (received.sha256, received.size),
                received.fingerprint,
            )
    except BaseException:
        if received is not None:
            jobs.discard(received)
        raise
    submission_id = result.body["id"]
    if result.replayed:
        # The same upload again: the first job is the answer; this copy is not kept.
        if received is not None:
            jobs.discard(received)
        headers = {"Idempotent-Replayed": "true"}
    else:
        if received is None:
            await run_in_threadpool(jobs.save_body, submission_id, submit_request.body)
        else:
            jobs.adopt(received, submission_id)
        background.add_task(jobs.schedule, principal, submit_request, submission_id)
        headers = {}
    headers["Location"] = f"/api/v1/submissions/{submission_id}"
    return JSONResponse(result.body, status_code=result.status_code, headers=headers)


@router.get("/submissions/{submission_id}")
def get_submission(submission_id: str, principal: AnyMember, session: DbSession) -> dict:
    """Status, counts and validation report of one of your submissions."""
    return SubmissionQueries(session).submission(principal, submission_id)
