"""Writing files safely: a file replaced at once, a set of files replaced all at once or not at all.

Nothing the user had is lost when a write fails: a file is written beside its
target and renamed over it; a symbolic link is written through; anything but a
regular file (a FIFO, a device, a socket, a folder) is refused; missing parent
folders are made and removed again on failure. Refusals are :class:`OSError`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from eucoop._text import shown

__all__ = ["file_target", "replacing", "write_folder"]


#: Where Linux shows a process its file mode mask; read, never set.
PROC_STATUS = "/proc/self/status"


def _umask() -> int:
    """The process's file mode mask, read without changing it.

    :func:`os.umask` can only set the mask; setting it and back would leave a
    moment in which files that other threads of the program make get the
    wrong mode. Linux shows the mask in ``/proc``; elsewhere a folder made in
    a private temporary folder tells it.
    """
    with contextlib.suppress(OSError, ValueError), open(PROC_STATUS, encoding="ascii") as f:
        for line in f:
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    with tempfile.TemporaryDirectory(prefix="eucoop-umask.") as private:
        probe = Path(private) / "probe"
        probe.mkdir(mode=0o777)
        return 0o777 & ~probe.stat().st_mode


def _file_mode(path: Path) -> int:
    """The mode a new file would get (mkstemp makes private ones), or the old file's."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return 0o666 & ~_umask()


def _what(mode: int) -> str:
    kinds = (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((what for test, what in kinds if test(mode)), "not a regular file")


def _refuse(path: Path, why: str) -> OSError:
    return OSError(shown(f"cannot write {path}: {why}"))


def file_target(path: Path) -> Path:
    """The file an export to *path* replaces: *path*, or the file its symbolic link names.

    A dangling link, a folder, a FIFO, a device or a socket is refused with an
    :class:`OSError` (exports write regular files only, never to standard output).
    """
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if path.is_symlink():
            raise _refuse(path, "it is a symbolic link to nothing") from None
        return path
    if not stat.S_ISREG(mode):
        why = f"it is {_what(mode)}, not a regular file; exports write files only"
        if not stat.S_ISDIR(mode):
            why += " (not to standard output or a device)"
        raise _refuse(path, why)
    return path.resolve() if path.is_symlink() else path


@contextlib.contextmanager
def _parents(folder: Path) -> Iterator[None]:
    """Make the missing folders up to *folder*; remove them again if the block fails."""
    missing: list[Path] = []
    p = folder
    while not os.path.lexists(p) and p.parent != p:
        missing.append(p)
        p = p.parent
    made: list[Path] = []
    try:
        for d in reversed(missing):
            d.mkdir()
            made.append(d)
        yield
    except BaseException:
        for d in reversed(made):
            with contextlib.suppress(OSError):
                d.rmdir()
        raise


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary path beside *path*, renamed onto it when the block succeeds.

    A symbolic link is written through (its target file is replaced, the link
    stays); anything but a regular file is refused (:func:`file_target`).
    Missing parent folders are made, and removed again if the block fails.
    """
    path = file_target(path)
    with _parents(path.parent):
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
        tmp_path = Path(tmp)
        try:
            yield tmp_path
            tmp_path.chmod(_file_mode(path))
            tmp_path.replace(path)
        finally:
            tmp_path.unlink(missing_ok=True)


def _write_texts(folder: Path, files: dict[str, str], modes: Path) -> None:
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8", newline="")
        (folder / name).chmod(_file_mode(modes / name))


def _new_folder(folder: Path, files: dict[str, str]) -> None:
    """Write *files* in a hidden folder beside *folder*, then rename it into place."""
    with _parents(folder.parent):
        stage = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp", dir=folder.parent))
        try:
            _write_texts(stage, files, stage)
            stage.chmod(0o777 & ~_umask())
            stage.rename(folder)
        except BaseException:
            shutil.rmtree(stage, ignore_errors=True)
            raise


def _keep(old: Path, backup: Path) -> None:
    try:
        os.link(old, backup)
    except OSError:
        shutil.copy2(old, backup)


def _replace_set(folder: Path, files: dict[str, str]) -> None:
    """Replace the files of *files* in the existing *folder*: all of them, or none.

    The new files are written in a hidden folder inside *folder* and the old
    ones kept there (hard links, or copies); only then are the new ones renamed
    in, and if a rename fails the files already renamed are put back.
    """
    for name in files:
        member = folder / name
        if os.path.lexists(member):
            mode = member.lstat().st_mode
            if not stat.S_ISREG(mode):
                what = "a symbolic link" if stat.S_ISLNK(mode) else _what(mode)
                raise _refuse(member, f"it is {what}; a CSV folder export replaces files only")
    stage = Path(tempfile.mkdtemp(prefix=".eucoop-csv.", suffix=".tmp", dir=folder))
    keep_stage = False
    try:
        _write_texts(stage, files, folder)
        backup = stage / "old"
        backup.mkdir()
        for name in files:
            if (folder / name).exists():
                _keep(folder / name, backup / name)
        done: list[str] = []
        try:
            for name in files:
                os.replace(stage / name, folder / name)
                done.append(name)
        except BaseException:
            for name in reversed(done):
                try:
                    if (backup / name).exists():
                        os.replace(backup / name, folder / name)
                    else:
                        (folder / name).unlink()
                except OSError:  # pragma: no cover - the old copies stay in the stage
                    keep_stage = True
            raise
    finally:
        if not keep_stage:
            shutil.rmtree(stage, ignore_errors=True)


def write_folder(folder: Path, files: dict[str, str]) -> None:
    """Write *files* (name -> text) into *folder*: a new folder, or replace them in an old one."""
    if folder.is_symlink() and not folder.exists():
        raise _refuse(folder, "it is a symbolic link to nothing")
    if not folder.exists():
        _new_folder(folder, files)
    elif folder.is_dir():
        _replace_set(folder, files)
    else:
        raise FileExistsError(errno.EEXIST, "it exists and is not a folder", str(folder))
