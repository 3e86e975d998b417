"""Work spread over worker processes comes back whole and in order, even when a worker dies."""

import os
import signal
import threading

from search.index.worker_pool import WORKER_DIED, in_order


def square(n: int) -> int:
    return n * n


def square_or_die(n: int) -> int:
    if n == 13:
        os.kill(os.getpid(), signal.SIGKILL)
    return n * n


def given_up(n: int, reason: str) -> str:
    return f"{n}: {reason}"


def test_answers_come_back_in_order_with_little_read_ahead():
    answers = list(in_order(square, list(range(40)), workers=2, given_up=given_up, chunk=1, max_in_flight=2))
    assert answers == [n * n for n in range(40)]


def test_one_process_works_in_place():
    assert list(in_order(square, [1, 2, 3], workers=1, given_up=given_up)) == [1, 4, 9]


def test_a_worker_killed_by_a_job_gives_up_that_job_alone():
    answers = list(in_order(square_or_die, list(range(30)), workers=2, given_up=given_up, chunk=4))
    assert answers == [f"13: {WORKER_DIED}" if n == 13 else n * n for n in range(30)]


def test_stopping_early_while_workers_wait_does_not_hang():
    answers = in_order(square, list(range(40)), workers=2, given_up=given_up, chunk=1, max_in_flight=2)
    assert next(answers) == 0
    closer = threading.Thread(target=answers.close)
    closer.start()
    closer.join(timeout=30)
    assert not closer.is_alive()
