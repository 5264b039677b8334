"""A deterministic synthetic archive of N articles, made from the repository's own texts.

The sources are the samples in `seeds/` and the test fixtures; the generator
itself tells their language and which of them are translations of each
other (so any text added to those folders is used the same way). Each
synthetic article is one of:

- a *variant of a translation set*: every language version of one text,
  with the same substitutions applied to all, so that they stay
  translations (sidecar `translation_group`/`translation_of` carried over);
- a *recombined article*: one source's title and body with some paragraphs
  dropped and paragraphs of other same-language sources inserted.

Substitutions vary what a real archive varies: names (a Latin-script name
seen in several languages becomes a made-up one), numbers (scaled) and years
(shifted), all drawn from one seeded random generator, so the same seed gives
the same files.
"""

from __future__ import annotations

import random
import re
import shutil
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIRS = (ROOT / "seeds", ROOT / "tests" / "fixtures")
SIDECAR_SUFFIXES = (".yml", ".yaml")
TRANSLATION_SHARE = 0.35  # share of stories that are a translation set
_SYLLABLES = ("ka", "lo", "mi", "ren", "ta", "vo", "zu", "bel", "dar", "en", "fi", "gor", "han", "is", "jun",
              "kel", "mar", "nor", "or", "pra", "qui", "sa", "tor", "ul", "vin", "wen", "xa", "yor", "zen")
_NAME = re.compile(r"(?<![A-Za-z])[A-Z][a-z]{3,}[A-Za-z]*")
_NUMBER = re.compile(r"(?<![\d.,])\d+(?![\d.,]\d)")
_YEAR = re.compile(r"(?:19|20)\d\d")


@dataclass(frozen=True)
class Source:
    """One source text: its language, its lines and its sidecar (raw YAML)."""

    name: str
    lang: str
    lines: tuple[str, ...]  # title first; blank lines kept as ""
    sidecar: str = ""


@dataclass
class Pool:
    """The sources, by language, with the translation sets among them."""

    sources: list[Source]
    sets: list[list[Source]]  # translation sets, two or more languages each
    by_lang: dict[str, list[Source]] = field(default_factory=dict)
    names: tuple[str, ...] = ()  # Latin-script names used in two or more languages

    def __post_init__(self):
        for s in self.sources:
            self.by_lang.setdefault(s.lang, []).append(s)
        langs_of: dict[str, set[str]] = defaultdict(set)
        for s in self.sources:
            for name in _NAME.findall("\n".join(s.lines)):
                langs_of[name].add(s.lang)
        self.names = tuple(sorted(n for n, langs in langs_of.items() if len(langs) >= 2))


def load_pool(dirs: tuple[Path, ...] = SOURCE_DIRS) -> Pool:
    """Read the source texts and let the generator find languages and translation sets."""
    from newsarchive.pipeline import build

    with tempfile.TemporaryDirectory() as tmp:
        files: dict[str, Path] = {}
        for n, folder in enumerate(dirs):
            for path in sorted(folder.rglob("*.txt")):
                rel = f"{n}/{path.relative_to(folder).as_posix()}"
                (Path(tmp) / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, Path(tmp) / rel)
                for suffix in SIDECAR_SUFFIXES:
                    if path.with_suffix(suffix).is_file():
                        shutil.copy2(path.with_suffix(suffix), (Path(tmp) / rel).with_suffix(suffix))
                files[rel] = path
        archive = build(Path(tmp))
    by_id = {}
    for article in archive.articles:
        path = files[article.source]
        sidecar = next((path.with_suffix(s).read_text(encoding="utf-8") for s in SIDECAR_SUFFIXES
                        if path.with_suffix(s).is_file()), "")
        text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
        by_id[article.id] = Source(path.stem, article.lang, tuple(text.split("\n")), sidecar)
    parent = {i: i for i in by_id}

    def root(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    for t in archive.translations:
        ra, rb = root(t.a), root(t.b)
        parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[Source]] = defaultdict(list)
    for i in sorted(by_id):
        groups[root(i)].append(by_id[i])
    sets = [g for _, g in sorted(groups.items()) if len(g) > 1]
    return Pool([by_id[i] for i in sorted(by_id)], sets)


# -- variation -------------------------------------------------------------------


@dataclass(frozen=True)
class Variation:
    """One set of substitutions, applied alike to every version of a text."""

    names: dict[str, str]
    scale: float
    year_shift: int

    @classmethod
    def draw(cls, rng: random.Random, names: tuple[str, ...]) -> Variation:
        chosen = [n for n in names if rng.random() < 0.5]
        return cls({n: pseudonym(rng) for n in chosen}, rng.uniform(0.5, 2.5), rng.randint(-8, 1))

    def apply(self, text: str) -> str:
        if self.names:
            pattern = re.compile(r"(?<![A-Za-z])(?:" + "|".join(map(re.escape, sorted(self.names, key=len, reverse=True))) + ")")
            text = pattern.sub(lambda m: self.names[m.group(0)], text)
        return _NUMBER.sub(self._number, text)

    def _number(self, m: re.Match) -> str:
        raw = m.group(0)
        value = int(raw)
        if _YEAR.fullmatch(raw):
            return str(value + self.year_shift)
        if value <= 31 or raw.startswith("0"):  # days, months, small counts, codes stay
            return raw
        return str(max(32, round(value * self.scale)))


def pseudonym(rng: random.Random) -> str:
    """A made-up capitalised name of two or three syllables."""
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def recombine(base: Source, others: list[Source], rng: random.Random) -> list[str]:
    """`base`'s title and body, some paragraphs dropped, some of `others` inserted."""
    title, body = base.lines[0], list(base.lines[1:])
    kept = [line for line in body if not line.strip() or rng.random() > 0.2]
    donors = [line for s in others for line in s.lines[1:] if len(line) >= 60]
    for _ in range(rng.randint(0, 3) if donors else 0):
        kept.insert(rng.randint(0, max(0, int(len(kept) * 0.7))), rng.choice(donors))
    return [title, *kept]


# -- the archive -------------------------------------------------------------------


def _sidecar(raw: str, variant: str, renamed: dict[str, str]) -> str:
    """A source's sidecar for one variant: group keys and `translation_of` made unique to it."""
    out = []
    for line in raw.splitlines():
        key, _, value = line.partition(":")
        value = value.strip()
        if key.strip() == "translation_group":
            line = f"translation_group: {value}-{variant}"
        elif key.strip() == "translation_of":
            line = f"translation_of: {renamed.get(Path(value).stem, value)}"
        out.append(line)
    return "\n".join(out) + "\n" if out else ""


def generate(target: Path, n: int, seed: int = 1, pool: Pool | None = None) -> list[Path]:
    """Write `n` synthetic articles (and their sidecars) below `target`; returns the files."""
    pool = pool or load_pool()
    rng = random.Random(seed)
    written: list[Path] = []
    story = 0
    while len(written) < n:
        variation = Variation.draw(rng, pool.names)
        if pool.sets and rng.random() < TRANSLATION_SHARE:
            versions = [(s, list(s.lines)) for s in rng.choice(pool.sets)]
        else:
            base = rng.choice(pool.sources)
            others = [s for s in pool.by_lang[base.lang] if s is not base]
            versions = [(base, recombine(base, others, rng))]
        variant = f"s{story:05d}"
        renamed = {s.name: f"{variant}_{s.lang}_{s.name}.txt" for s, _ in versions}
        for source, lines in versions[: n - len(written)]:
            path = target / f"{len(written) // 1000:02d}" / renamed[source.name]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(variation.apply("\n".join(lines)), encoding="utf-8")
            if source.sidecar:
                path.with_suffix(".yml").write_text(_sidecar(source.sidecar, variant, renamed), encoding="utf-8")
            written.append(path)
        story += 1
    return written


def edit_one(seeds: Path, round_no: int = 1) -> Path:
    """Change one article (the middle one) the way an editor would: one sentence added."""
    files = sorted(seeds.rglob("*.txt"))
    path = files[len(files) // 2]
    lines = path.read_text(encoding="utf-8").split("\n")
    body = [i for i, line in enumerate(lines) if len(line) >= 40][1:] or [len(lines) - 1]
    lines[body[0]] += f" Updated {round_no}."
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
