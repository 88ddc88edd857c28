"""Atomic publication of reports: all new files or none, other reports kept, stale folders removed."""

import os
import socket
import threading

import pytest

from briefing.errors import OutputError
from briefing.run.layout import report_file_names
from briefing.run.publishing import check_output_target, publish, remove_stale_folders, staging_folder


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


# --- issue 13 --------------------------------------------------------------------------------

def publish_files(target, names, owned=()):
    with staging_folder(target) as stage:
        for name in names:
            (stage / name).write_text(f"new {name}", encoding="utf-8")
        return publish(stage, target, owned)


def test_a_report_published_with_fewer_formats_keeps_no_file_of_the_older_run(tmp_path):
    target = tmp_path / "2020S1" / "P"
    full = ["briefing.vi.html", "briefing.vi.ipynb", "briefing.vi.pdf", "metrics.vi.json"]
    others = ["briefing.en.pdf", "metrics.en.json", "district_comparison.vi.pdf", "notes.txt"]
    publish_files(target, full + others)
    owned = report_file_names("briefing", "vi", ("ipynb", "html", "pdf"))
    publish_files(target, ["briefing.vi.html", "briefing.vi.ipynb", "metrics.vi.json"], owned)
    assert sorted(p.name for p in target.iterdir()) == sorted(
        ["briefing.vi.html", "briefing.vi.ipynb", "metrics.vi.json"] + others)


def test_a_dangling_symlink_at_the_lock_file_is_refused_and_not_followed(tmp_path):
    target = tmp_path / "out" / "2020S1" / "P"
    target.parent.mkdir(parents=True)
    outside = tmp_path / "outside.txt"
    (target.parent / ".P.lock").symlink_to(outside)
    with pytest.raises(OutputError, match=r"\.P\.lock is a symbolic link, expected a plain file"):
        check_output_target(target)
    with pytest.raises(OutputError, match="is a symbolic link"):
        publish_files(target, ["metrics.vi.json"])
    assert not outside.exists() and not target.exists()
    assert sorted(p.name for p in target.parent.iterdir()) == [".P.lock"]


@pytest.mark.parametrize("blocker", ["file", "symlink to a folder", "dangling symlink"])
def test_a_file_or_symlink_in_place_of_the_report_folder_is_refused(tmp_path, blocker):
    target = tmp_path / "out" / "2020S1" / "P"
    target.parent.mkdir(parents=True)
    elsewhere = tmp_path / "elsewhere"
    if blocker == "file":
        target.write_text("mine")
    elif blocker == "symlink to a folder":
        elsewhere.mkdir()
        (elsewhere / "keep.txt").write_text("mine")
        target.symlink_to(elsewhere)
    else:
        target.symlink_to(elsewhere)
    expected = "is not a folder" if blocker == "file" else "is a symbolic link"
    with pytest.raises(OutputError, match=expected):
        check_output_target(target)
    with pytest.raises(OutputError, match=expected):
        publish_files(target, ["metrics.vi.json"])
    assert sorted(p.name for p in target.parent.iterdir()) == [".P.lock", "P"]
    if blocker == "file":
        assert target.read_text() == "mine"
    else:
        assert target.is_symlink()
    if blocker == "symlink to a folder":
        assert sorted(p.name for p in elsewhere.iterdir()) == ["keep.txt"]


def test_stale_publish_entries_of_any_kind_are_removed(tmp_path):
    folder = tmp_path / "2020S1"
    folder.mkdir()
    host = socket.gethostname()
    as_file = folder / f".P.publish-{host}-999999999-abcd1234"
    as_file.write_text("old report swapped away")
    as_link = folder / f".P.publish-{host}-999999998-abcd1234"
    as_link.symlink_to(tmp_path / "elsewhere")
    assert sorted(remove_stale_folders(folder)) == sorted([as_file, as_link])
    assert list(folder.iterdir()) == []
