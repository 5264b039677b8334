"""READ: find the article files, decode them and load their sidecar metadata.

Every problem with one file becomes a `BuildWarning` naming the file and the
reason; the file is skipped and the other articles still build.
"""

from __future__ import annotations

import codecs
import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .dates import metadata_date
from .model import BuildWarning, SourceDoc
from .text import LazyPattern

MAX_BYTES = 10 * 1024 * 1024
SIDECAR_KEYS = {"title", "date", "lang", "author", "url", "translation_of", "translation_group"}
_CONTROL = LazyPattern(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class ReadResult:
    docs: tuple[SourceDoc, ...]
    warnings: tuple[BuildWarning, ...]


def find_articles(seeds: Path) -> list[tuple[Path, str]]:
    """Every `*.txt` below `seeds` with its path relative to it (with "/"), in
    the order of those paths. The relative path is cut from the string: ten
    thousand `relative_to` calls cost a fifth of a second."""
    base = str(seeds)
    prefix = 0 if base == "." else len(base.rstrip(os.sep)) + 1  # below ".", rglob gives "a.txt", not "./a.txt"
    found = [(path, str(path)[prefix:].replace(os.sep, "/")) for path in seeds.rglob("*.txt")]
    return sorted(found, key=lambda item: item[1])


def decode(data: bytes) -> str:
    """Bytes to text: UTF-8 (BOM optional) or UTF-16/32 with a BOM.

    Raises ValueError with a reader-facing reason for anything else.
    """
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as e:
                raise ValueError(f"invalid {codec.upper()} text ({e.reason} at byte {e.start})") from None
    if 0 in data:
        raise ValueError(f"binary data, not text (NUL byte at offset {data.index(0)})")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        hint = _guess_legacy_encoding(data)
        raise ValueError(
            f"not valid UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start})"
            + (f"; it looks like {hint}: convert it to UTF-8" if hint else "")
        ) from None


_PUNCTUATION = r"\u3000-\u303f\uff00-\uffef"
_LEGACY = (  # codec, its name for the reader, the letters its text is made of, a script it must show
    ("cp932", "Shift_JIS", re.compile(rf"[\u3040-\u30ff\u4e00-\u9fff{_PUNCTUATION}]"), re.compile(r"[\u3040-\u30ff]")),
    ("euc-kr", "EUC-KR", re.compile(rf"[\uac00-\ud7af{_PUNCTUATION}]"), re.compile(r"[\uac00-\ud7af]")),
    ("gb18030", "GB18030", re.compile(rf"[\u4e00-\u9fff{_PUNCTUATION}]"), re.compile(r"[\u4e00-\u9fff]")),
)


def _guess_legacy_encoding(data: bytes) -> str | None:
    """The legacy encoding that decodes `data` into its own script, if one does.

    Random bytes often decode in some codec too, and one codec's text often
    decodes in another (Chinese as kanji, Korean as hanzi): a codec is named
    only when its text is nearly all its letters and shows the script that
    marks it (some kana for Japanese).
    """
    for codec, name, letters, marks in _LEGACY:
        try:
            wide = [c for c in data.decode(codec) if ord(c) > 0x7F]
        except UnicodeDecodeError:
            continue
        if not wide or sum(1 for c in wide if letters.match(c)) < 0.9 * len(wide):
            continue
        if sum(1 for c in wide if marks.match(c)) >= 0.05 * len(wide):
            return name
    return None


def clean_text(text: str) -> str:
    """Unify line ends and drop control characters that no article means."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    return _CONTROL.sub("", text)


def load_sidecar(path: Path) -> tuple[dict, list[str]]:
    """Metadata from `NAME.yml`/`NAME.yaml` beside `NAME.txt`, with problems found."""
    for candidate in (path.with_suffix(".yml"), path.with_suffix(".yaml")):
        if candidate.is_file():
            break
    else:
        return {}, []
    try:
        data = yaml.safe_load(candidate.read_text(encoding="utf-8-sig"))
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        return {}, [f"sidecar {candidate.name} ignored: not valid UTF-8 YAML ({type(e).__name__})"]
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return {}, [f"sidecar {candidate.name} ignored: expected a mapping of keys to values"]
    problems = [f"sidecar {candidate.name}: unknown key '{k}' ignored" for k in sorted(map(str, data)) if k not in SIDECAR_KEYS]
    meta = {k: str(v).strip() for k, v in data.items() if k in SIDECAR_KEYS and v is not None and str(v).strip()}
    if "date" in meta and metadata_date(meta["date"]) is None:
        problems.append(f"sidecar {candidate.name}: date '{meta.pop('date')}' is not a date; ignored")
    return meta, problems


def read_article(path: Path, rel: str, max_bytes: int = MAX_BYTES) -> tuple[SourceDoc | None, list[BuildWarning]]:
    """One file to a SourceDoc, or None with the reason it was skipped."""
    if path.is_dir():
        return None, [BuildWarning(rel, "is a directory, not a file")]
    if any(part.startswith(".") for part in Path(rel).parts):
        return None, [BuildWarning(rel, "hidden file (name starts with '.'), skipped")]
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return None, [BuildWarning(rel, f"too large ({size / 1048576:.1f} MB; the limit is {max_bytes / 1048576:.0f} MB)")]
        data = path.read_bytes()
    except OSError as e:
        return None, [BuildWarning(rel, f"cannot be read ({e.strerror or e})")]
    try:
        text = clean_text(decode(data))
    except ValueError as e:
        return None, [BuildWarning(rel, str(e))]
    if not text.strip():
        return None, [BuildWarning(rel, "empty (no text)")]
    meta, problems = load_sidecar(path)
    return SourceDoc(path=rel, text=text, meta=meta), [BuildWarning(rel, p) for p in problems]


Read = tuple[SourceDoc | None, list[BuildWarning]]
# path -> (stamps of the file and its sidecars, what reading them gave), as
# this process last read them: under `mkdocs serve` every rebuild reads the
# whole archive, and decoding it and parsing the sidecars again cost a third
# of a rebuild after one edit. The pipeline keeps it in the cache for the
# next process (`Cache.carry`), for which reading is a tenth of an edit.
LAST_READ: dict[tuple[Path, str, int], tuple[tuple, Read]] = {}


def _stamp(path: str) -> tuple:
    """What tells, without reading, that a file has not changed (as make and
    rsync judge): size, modification and change times, inode; () if absent.
    A string path: three `Path`s per article cost more than the system calls."""
    try:
        st = os.stat(path)
    except OSError:
        return ()
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino


def _read_again(path: Path, rel: str, max_bytes: int, remembered: dict) -> Read:
    """`read_article`, or what it gave last time if no stamp moved; noted in `remembered`."""
    key = (path, rel, max_bytes)
    name = str(path)
    stem = name[: len(name) - len(path.suffix)]  # as `with_suffix` cuts it
    stamps = (_stamp(name), _stamp(stem + ".yml"), _stamp(stem + ".yaml"))
    last = LAST_READ.get(key)
    result = last[1] if last is not None and last[0] == stamps and stamps[0] else read_article(path, rel, max_bytes)
    remembered[key] = (stamps, result)
    return result


def read_corpus(seeds: Path, max_bytes: int = MAX_BYTES, progress=None) -> ReadResult:
    """Read every article below `seeds`; `progress` wraps the file iterator."""
    docs: list[SourceDoc] = []
    warnings: list[BuildWarning] = []
    if not seeds.is_dir():
        return ReadResult((), (BuildWarning(str(seeds), "seeds folder does not exist"),))
    paths = find_articles(seeds)
    remembered: dict[tuple[Path, str, int], tuple[tuple, Read]] = {}
    for path, rel in progress(paths) if progress else paths:
        doc, problems = _read_again(path, rel, max_bytes, remembered)
        warnings.extend(problems)
        if doc is not None:
            docs.append(doc)
    LAST_READ.clear()  # only the files of this read stay remembered
    LAST_READ.update(remembered)
    return ReadResult(tuple(docs), tuple(warnings))
