"""Atomic publication of reports: all new files or none, other reports kept, stale folders removed."""

import os
import socket
import threading

import pytest

from briefing.errors import OutputError
from briefing.publishing import publish, remove_stale_folders, staging_folder


def make_report(stage, lang, content):
    for name in (f"briefing.{lang}.html", f"metrics.{lang}.json"):
        (stage / name).write_text(content, encoding="utf-8")


def test_publish_replaces_its_files_and_keeps_the_others(tmp_path):
    target = tmp_path / "2020S1" / "P"
    with staging_folder(target) as stage:
        make_report(stage, "vi", "old vi")
        publish(stage, target)
    with staging_folder(target) as stage:
        make_report(stage, "en", "en")
        publish(stage, target)
    with staging_folder(target) as stage:
        make_report(stage, "vi", "new vi")
        files = publish(stage, target)
    assert sorted(p.name for p in target.iterdir()) == [
        "briefing.en.html", "briefing.vi.html", "metrics.en.json", "metrics.vi.json"]
    assert (target / "briefing.vi.html").read_text() == "new vi"
    assert (target / "briefing.en.html").read_text() == "en"
    assert [p.name for p in files] == ["briefing.vi.html", "metrics.vi.json"]
    assert oct(target.stat().st_mode & 0o777) == "0o755"
    assert sorted(p.name for p in target.parent.iterdir()) == [".P.lock", "P"]


def test_a_failed_run_leaves_the_previous_report_untouched(tmp_path):
    target = tmp_path / "2020S1" / "P"
    with staging_folder(target) as stage:
        make_report(stage, "vi", "good")
        publish(stage, target)
    with pytest.raises(RuntimeError):
        with staging_folder(target) as stage:
            make_report(stage, "vi", "half")
            raise RuntimeError("the notebook failed")
    assert (target / "briefing.vi.html").read_text() == "good"
    assert [p.name for p in target.parent.iterdir() if "staging" in p.name] == []


def test_concurrent_publications_of_the_same_folder_keep_every_file(tmp_path):
    target = tmp_path / "2020S1" / "P"

    def run(lang):
        for round_ in range(20):
            with staging_folder(target) as stage:
                make_report(stage, lang, f"{lang} {round_}")
                publish(stage, target)

    threads = [threading.Thread(target=run, args=(lang,)) for lang in ("vi", "en")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(p.name for p in target.iterdir()) == [
        "briefing.en.html", "briefing.vi.html", "metrics.en.json", "metrics.vi.json"]
    assert (target / "briefing.vi.html").read_text() == "vi 19"


def test_stale_staging_folders_of_dead_runs_are_removed(tmp_path):
    folder = tmp_path / "2020S1"
    folder.mkdir()
    host = socket.gethostname()
    dead = folder / f".P.staging-{host}-999999999-abcd1234"
    alive = folder / f".P.staging-{host}-{os.getpid()}-abcd1234"
    elsewhere = folder / ".P.staging-otherhost-999999999-abcd1234"
    for path in (dead, alive, elsewhere):
        path.mkdir()
    assert remove_stale_folders(folder) == [dead]
    assert alive.exists() and elsewhere.exists()


def test_unwritable_output_folder_is_a_clear_error(tmp_path):
    if os.getuid() == 0:
        locked = tmp_path / "file-not-folder"
        locked.write_text("x")
        target = locked / "2020S1" / "P"
    else:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        target = locked / "2020S1" / "P"
    with pytest.raises(OutputError, match="cannot write reports under"):
        with staging_folder(target):
            pass
