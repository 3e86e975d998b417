"""Rebuilds on a real Dask cluster (distributed.LocalCluster, 2 worker processes): the same work as
this machine's processes, in corpus order, surviving a worker's death, and the same searchable index."""

import os
import shutil
import signal
from pathlib import Path

import dask
import pytest
from distributed import Client, LocalCluster, WorkerPlugin, get_task_stream
from distributed.exceptions import WorkerStartTimeoutError

from search.index import cluster, store
from search.index.cluster import on_cluster
from search.errors import ConfigError, IndexWriteError
from search.index.build import rebuild
from search.index.worker_pool import CHUNK, WORKER_DIED
from search.searcher import ArchiveSearcher

from .conftest import make_settings
from .test_worker_pool import given_up, square, square_or_die

# A real Dask cluster of worker processes.
pytestmark = pytest.mark.slow


def square_or_die_once(job: tuple[int, str]) -> int:
    """Kills its worker the first time it meets job 7, as a worker lost mid-rebuild would be."""
    n, marker = job
    if n == 7 and not Path(marker).exists():
        Path(marker).touch()
        os.kill(os.getpid(), signal.SIGKILL)
    return n * n


@pytest.fixture(scope="module")
def local_cluster():
    # A task whose worker dies is tried on another worker at most once more before Dask gives it up.
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}), \
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster) as connected:
        yield connected


@pytest.fixture
def client(local_cluster):
    # Tests kill workers: each starts once two workers are running again. A worker restarted on a busy
    # two-core machine has been seen to take more than two minutes, and a nanny has been seen to give
    # up on its killed worker for good: then a new worker takes its place.
    try:
        local_cluster.wait_for_workers(2, timeout=150)
    except WorkerStartTimeoutError:
        running = len(local_cluster.scheduler_info()["workers"])
        local_cluster.cluster.scale(len(local_cluster.cluster.worker_spec) + 2 - running)
        local_cluster.wait_for_workers(2, timeout=300)
    return local_cluster


def test_answers_come_back_in_order(client):
    answers = list(on_cluster(square, list(range(60)), client, given_up, chunk=4, max_in_flight=8))
    assert answers == [n * n for n in range(60)]


def test_a_worker_lost_mid_work_is_survived(client, tmp_path):
    jobs = [(n, str(tmp_path / "killed")) for n in range(30)]
    answers = list(on_cluster(square_or_die_once, jobs, client, given_up, chunk=4))
    assert answers == [n * n for n in range(30)]
    assert (tmp_path / "killed").exists()  # a worker did die


def test_a_job_that_kills_every_worker_it_meets_is_given_up_alone(client):
    answers = list(on_cluster(square_or_die, list(range(20)), client, given_up, chunk=4))
    assert answers == [f"13: {WORKER_DIED}" if n == 13 else n * n for n in range(20)]


QUERIES = ["harbour", "bridge council", '"harbour bridge"', "speaker:Okafor", "strike OR walkout", "date:2019"]


def _answers(settings) -> list:
    searcher = ArchiveSearcher(settings)
    pages = [searcher.search(q, per_page=20) for q in QUERIES]
    return [(page.total, [(hit.id, hit.score, hit.similar) for hit in page.hits], page.facets) for page in pages]


def test_a_rebuild_on_the_cluster_gives_the_index_a_local_one_gives(client, tmp_path):
    from .conftest import SAMPLE_CORPUS

    local = make_settings(SAMPLE_CORPUS, tmp_path / "local")
    on_the_cluster = make_settings(SAMPLE_CORPUS, tmp_path / "cluster", scheduler=client.scheduler.address)
    local_report = rebuild(local)
    with get_task_stream(client) as tasks:
        cluster_report = rebuild(on_the_cluster)
    # Every article was read, cleaned and extracted by the cluster's workers, in tasks of a few files,
    # and written there as segments; the tasks' folder is gone from the generation.
    keys = [task["key"] for task in tasks.data]
    assert len([key for key in keys if key.startswith("chunk_of")]) >= 33 // CHUNK
    assert any(key.startswith("write_segments") for key in keys)
    assert not (store.current_generation(on_the_cluster.index) / "tasks").exists()
    assert cluster_report.indexed == local_report.indexed == 33
    assert cluster_report.skipped == local_report.skipped
    assert _answers(on_the_cluster) == _answers(local)


def test_an_unreachable_scheduler_is_one_clear_error(tmp_path, monkeypatch):
    from .conftest import SAMPLE_CORPUS

    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT_S", 2)
    settings = make_settings(SAMPLE_CORPUS, tmp_path / "index", scheduler="tcp://127.0.0.1:9")
    with pytest.raises(ConfigError, match="Cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        rebuild(settings)
    assert not (tmp_path / "index" / "CURRENT").exists()


class KillOnce(WorkerPlugin):
    """Kills the worker that starts the first task whose key begins with `prefix`, once."""

    def __init__(self, prefix: str, marker: str):
        self.prefix, self.marker = prefix, marker

    def transition(self, key, start, finish, **kwargs):
        name = key if isinstance(key, str) else str(key)
        if finish == "executing" and name.startswith(self.prefix) and not os.path.exists(self.marker):
            Path(self.marker).touch()
            os.kill(os.getpid(), signal.SIGKILL)


@pytest.mark.parametrize("phase", ["chunk_of", "write_segments"])
def test_a_worker_killed_in_either_phase_of_a_rebuild_is_survived(client, tmp_path, phase):
    from .conftest import SAMPLE_CORPUS

    marker = tmp_path / "killed"
    client.register_plugin(KillOnce(phase, str(marker)), name=f"kill-once-{phase}")
    try:
        report = rebuild(make_settings(SAMPLE_CORPUS, tmp_path / "index", scheduler=client.scheduler.address))
    finally:
        client.unregister_worker_plugin(f"kill-once-{phase}")
    assert marker.exists()  # a worker did die, in that phase
    assert report.indexed == 33 and report.skipped == ()


def test_an_incremental_rebuild_on_the_cluster_gives_the_index_a_local_one_gives(client, tmp_path):
    from .conftest import SAMPLE_CORPUS

    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLE_CORPUS, corpus)
    local = make_settings(corpus, tmp_path / "local")
    on_the_cluster = make_settings(corpus, tmp_path / "cluster", scheduler=client.scheduler.address)
    rebuild(local), rebuild(on_the_cluster)
    changed = sorted(corpus.rglob("*.txt"))[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\nThe harbour council met again on Friday.\n",
                       encoding="utf-8")
    sorted(corpus.rglob("*.html"))[0].unlink()
    local_report, cluster_report = rebuild(local), rebuild(on_the_cluster)
    assert (cluster_report.changed, cluster_report.deleted) == (local_report.changed, local_report.deleted) == (1, 1)
    assert cluster_report.indexed == local_report.indexed == 32
    assert _answers(on_the_cluster) == _answers(local)


def test_an_article_a_writer_task_cannot_write_fails_the_rebuild_naming_it(client, tmp_path):
    cache, folder = tmp_path / "articles", tmp_path / "generation" / "tasks"
    cache.mkdir()
    folder.mkdir(parents=True)
    cluster.kept_article(cache, "a.txt").write_bytes(b"not a pickled article")
    with pytest.raises(IndexWriteError, match="Indexing a.txt failed: UnpicklingError"):
        cluster.written_on_cluster(client, [[("a.txt", "a.txt")]], cache, folder, "english", 2, {})


def test_the_records_of_container_files_are_read_on_the_cluster(client, tmp_path):
    from .test_archive_rebuilds import PAGES, write_crawl

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_crawl(corpus / "crawl.warc.gz", PAGES)
    (corpus / "items.jsonl").write_text('{"text": "Swifts returned to the church tower, the warden said."}\n{broken\n')
    local_report = rebuild(make_settings(corpus, tmp_path / "local"))
    on_the_cluster = make_settings(corpus, tmp_path / "cluster", scheduler=client.scheduler.address)
    with get_task_stream(client) as tasks:
        cluster_report = rebuild(on_the_cluster)
    assert len([task for task in tasks.data if task["key"].startswith("chunk_of")]) >= (len(PAGES) + 2) // CHUNK
    assert cluster_report.indexed == local_report.indexed == len(PAGES) + 1
    assert cluster_report.skipped == local_report.skipped and [item.path for item in local_report.skipped] == [
        "items.jsonl#2"]
    assert [hit.id for hit in ArchiveSearcher(on_the_cluster).search("swifts warden").hits] == ["items.jsonl#1"]
