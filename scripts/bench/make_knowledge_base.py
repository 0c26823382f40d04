#!/usr/bin/env python3
"""Generate a synthetic knowledge base for scripts/bench/assistant.sh.

    make_knowledge_base.py [--passages 50000] [--seed 1] --out DIR [--source-kb DIR]

Writes N passages (paragraphs) as N/5 Markdown articles of 5 paragraphs each
(the last article holds the remainder when N is not a multiple of 5) into DIR,
in the format of Sources/LanterneAssistant/Knowledge/*.md: a front matter with
id, title, theme, questions (3 lines), sources (one https://www.impots.gouv.fr/
address), checked: 2026-11-29 and applies_to: permanent, then the paragraphs,
one line each, separated by blank lines.

The text is drawn from the shipped articles (--source-kb, by default the
repository's Sources/LanterneAssistant/Knowledge), so that analysing it costs
what real French text costs:

- paragraphs: their words (as written: accents, elisions such as « l'avis »,
  figures, « % » and « € »), drawn independently with the frequencies they have
  in the shipped paragraphs; sentences of 8 to 20 words, their lengths drawn from
  the shipped sentences of 8 to 20 words; the number of sentences of a paragraph
  drawn from the shipped paragraphs; commas after a word as often as in the
  shipped text; each sentence starts with a capital and ends with a full stop;
- titles and questions: likewise from the shipped titles and questions lines
  (their own words, frequencies and lengths); a question ends with « ? » as
  often as the shipped ones do;
- themes: drawn from the shipped themes with their frequencies.

One seeded random generator (random.Random(--seed)) makes everything, in file
order: the same seed and source base give the same bytes. The vocabulary is the
shipped base's (a few thousand words), so in a large generated base the words
are spread over many more passages than in a real base of that size.

Files are named synth-NNNNNN.md (ids synth-NNNNNN). DIR is created if needed;
the synth-*.md files already in it are removed first, and any other .md file
there stops the script (so that a wrong --out cannot mix bases or delete
articles). Prints one JSON line on stdout (articles, passages, words, bytes,
seconds); progress on stderr.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import os
import random
import re
import sys
import time
from collections import Counter

PARAGRAPHS_PER_ARTICLE = 5
QUESTIONS_PER_ARTICLE = 3
MIN_SENTENCE_WORDS = 8
MAX_SENTENCE_WORDS = 20
CHECKED = "2026-11-29"
APPLIES_TO = "permanent"
SOURCE_PREFIX = "https://www.impots.gouv.fr/particulier/questions/"

# Characters taken off both ends of a whitespace-separated token; what is left
# is a word (« l'avis », « 0809 », « % » and « 2026-11-29 » stay words).
EDGE_PUNCTUATION = ".,;:!?()[]{}«»\"“”‘’…—–-*_/\\'"
# The end of a sentence: . ! ? (possibly followed by a closing parenthesis or
# quote), then a space, then what starts a sentence.
SENTENCE_END = re.compile(r"(?<=[.!?])[)»\"”]?\s+(?=[A-ZÀ-ÖØ-Þ0-9«\"(])")


def log(message: str) -> None:
    print(f"[make-knowledge-base] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------
# Reading the shipped base (the same rules as KnowledgeBase.parse in Swift)
# --------------------------------------------------------------------------

def parse_article(text: str, path: str) -> dict:
    lines = text.replace("\r\n", "\n").split("\n")
    if not lines or lines[0] != "---" or "---" not in lines[1:]:
        sys.exit(f"{path}: no front matter")
    end = lines.index("---", 1)
    scalars: dict[str, str] = {}
    lists: dict[str, list[str]] = {}
    current = None
    for line in lines[1:end]:
        if not line.strip():
            continue
        if line.startswith("  - ") or line.startswith("- "):
            if current is None:
                sys.exit(f"{path}: list item outside a list: {line!r}")
            lists[current].append(unquoted(line.lstrip(" ")[2:]))
            continue
        key, colon, value = line.partition(":")
        if not colon or line.startswith(" "):
            sys.exit(f"{path}: malformed line {line!r}")
        value = value.strip()
        if value:
            current = None
            scalars[key] = unquoted(value)
        else:
            current = key
            lists.setdefault(key, [])
    body = "\n".join(lines[end + 1:])
    paragraphs = [" ".join(part.strip() for part in block.split("\n")) for block in body.split("\n\n")]
    paragraphs = [p for p in paragraphs if p]
    for key in ("id", "title", "theme"):
        if not scalars.get(key):
            sys.exit(f"{path}: no {key}")
    return {"title": scalars["title"], "theme": scalars["theme"],
            "questions": lists.get("questions", []), "paragraphs": paragraphs}


def unquoted(value: str) -> str:
    if len(value) >= 2 and value.startswith('"') and value.endswith('"'):
        return value[1:-1].replace('\\"', '"')
    return value


def read_base(folder: str) -> list[dict]:
    names = sorted(name for name in os.listdir(folder) if name.endswith(".md"))
    if not names:
        sys.exit(f"{folder}: no .md article")
    articles = []
    for name in names:
        path = os.path.join(folder, name)
        with open(path, encoding="utf-8") as handle:
            articles.append(parse_article(handle.read(), path))
    return articles


# --------------------------------------------------------------------------
# Word statistics
# --------------------------------------------------------------------------

def words_of(text: str) -> list[tuple[str, bool]]:
    """The words of a text and, for each, whether a comma follows it."""
    words = []
    for token in text.split():
        word = token.strip(EDGE_PUNCTUATION)
        if not word:
            continue
        comma = token.rstrip(")»\"”’").endswith(",")
        words.append((word, comma))
    return words


def lowered_start(word: str) -> str:
    """A sentence's first word as it would be written inside a sentence: « Vous » → « vous », « L'avis » →
    « l'avis »; acronyms (« SIP », « PAS ») and figures are kept."""
    if len(word) > 1 and word[0].isupper() and any(c.islower() for c in word[1:]):
        return word[0].lower() + word[1:]
    return word


class Pool:
    """Words and lengths to draw from, with their observed frequencies."""

    def __init__(self) -> None:
        self.words: Counter[str] = Counter()
        self.lengths: Counter[int] = Counter()
        self.commas = 0
        self.capitalised = 0
        self.questions = 0  # texts that end with "?"
        self.texts = 0

    def add(self, text: str, lengths: bool = True) -> None:
        words = words_of(text)
        if not words:
            return
        self.texts += 1
        self.capitalised += words[0][0][:1].isupper()
        self.questions += text.rstrip().endswith("?")
        for position, (word, comma) in enumerate(words):
            self.words[lowered_start(word) if position == 0 else word] += 1
            self.commas += comma and position < len(words) - 1
        if lengths:
            self.lengths[len(words)] += 1

    def freeze(self, name: str, min_length: int = 1, max_length: int = 10**9) -> None:
        if not self.words:
            sys.exit(f"no {name} words in the source base")
        # Sorted for a stable order whatever the order the texts were read in.
        self.word_list = sorted(self.words)
        self.word_cumulative = list(itertools.accumulate(self.words[w] for w in self.word_list))
        lengths = sorted(n for n in self.lengths if min_length <= n <= max_length)
        if not lengths:  # no observed length in range: uniform over the range
            lengths = list(range(min_length, max_length + 1))
            weights = [1] * len(lengths)
        else:
            weights = [self.lengths[n] for n in lengths]
        self.length_list = lengths
        self.length_cumulative = list(itertools.accumulate(weights))
        total_words = sum(self.words.values())
        self.comma_rate = self.commas / total_words
        self.capital_rate = self.capitalised / max(1, self.texts)
        self.question_rate = self.questions / max(1, self.texts)

    def draw_words(self, rng: random.Random, count: int) -> list[str]:
        return rng.choices(self.word_list, cum_weights=self.word_cumulative, k=count)

    def draw_length(self, rng: random.Random) -> int:
        return self.length_list[bisect.bisect_right(
            self.length_cumulative, rng.random() * self.length_cumulative[-1])]

    def phrase(self, rng: random.Random, capital: bool, commas: bool) -> str:
        """One sentence (without its final punctuation)."""
        words = self.draw_words(rng, self.draw_length(rng))
        if commas:
            for i in range(len(words) - 1):
                if rng.random() < self.comma_rate:
                    words[i] += ","
        if capital:
            words[0] = words[0][:1].upper() + words[0][1:]
        return " ".join(words)


def draw_from(rng: random.Random, counts: Counter) -> object:
    items = sorted(counts)
    return rng.choices(items, weights=[counts[i] for i in items], k=1)[0]


def statistics(articles: list[dict]) -> tuple[Pool, Pool, Pool, Counter, Counter]:
    body, titles, questions = Pool(), Pool(), Pool()
    themes: Counter[str] = Counter()
    sentences_per_paragraph: Counter[int] = Counter()
    for article in articles:
        themes[article["theme"]] += 1
        titles.add(article["title"])
        for question in article["questions"]:
            questions.add(question)
        for paragraph in article["paragraphs"]:
            sentences = [s for s in SENTENCE_END.split(paragraph) if words_of(s)]
            sentences_per_paragraph[len(sentences)] += 1
            for sentence in sentences:
                body.add(sentence)
    body.freeze("paragraph", MIN_SENTENCE_WORDS, MAX_SENTENCE_WORDS)
    titles.freeze("title")
    questions.freeze("question")
    return body, titles, questions, themes, sentences_per_paragraph


# --------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------

def prepare_folder(folder: str) -> None:
    os.makedirs(folder, exist_ok=True)
    names = [name for name in os.listdir(folder) if name.endswith(".md")]
    foreign = [name for name in names if not re.fullmatch(r"synth-\d+\.md", name)]
    if foreign:
        sys.exit(f"{folder} holds other articles ({', '.join(sorted(foreign)[:3])}...): choose an empty folder")
    for name in names:
        os.remove(os.path.join(folder, name))


def article_text(number: int, paragraphs: int, rng: random.Random, body: Pool, titles: Pool,
                 questions: Pool, themes: Counter, sentences_per_paragraph: Counter) -> tuple[str, str, int]:
    """One article: its id, its Markdown text and the number of words of its paragraphs."""
    identifier = f"synth-{number:06d}"
    title = titles.phrase(rng, capital=True, commas=False)
    theme = draw_from(rng, themes)
    question_lines = []
    for _ in range(QUESTIONS_PER_ARTICLE):
        question = questions.phrase(rng, capital=rng.random() < questions.capital_rate, commas=True)
        if rng.random() < questions.question_rate:
            question += " ?"
        question_lines.append(f"  - {question}")
    texts = []
    for _ in range(paragraphs):
        count = draw_from(rng, sentences_per_paragraph)
        texts.append(" ".join(body.phrase(rng, capital=True, commas=True) + "." for _ in range(count)))
    lines = [
        "---",
        f"id: {identifier}",
        f"title: {title}",
        f"theme: {theme}",
        "questions:",
        *question_lines,
        "sources:",
        f"  - {SOURCE_PREFIX}{identifier}",
        f"checked: {CHECKED}",
        f"applies_to: {APPLIES_TO}",
        "---",
        "\n\n".join(texts),
    ]
    return identifier, "\n".join(lines) + "\n", sum(len(t.split()) for t in texts)


def main() -> int:
    repository = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=50000, help="paragraphs to write (default 50000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", required=True, help="folder of the generated articles")
    parser.add_argument("--source-kb", default=os.path.join(repository, "Sources", "LanterneAssistant", "Knowledge"),
                        help="the articles whose words and lengths are used (default: the shipped base)")
    args = parser.parse_args()
    if args.passages < 1:
        parser.error("--passages must be at least 1")
    if os.path.realpath(args.out) == os.path.realpath(args.source_kb):
        parser.error("--out cannot be the source base")

    start = time.perf_counter()
    source = read_base(args.source_kb)
    body, titles, questions, themes, sentences_per_paragraph = statistics(source)
    log(f"{len(source)} source articles: {len(body.words)} paragraph words ({sum(body.words.values())} in all), "
        f"{len(titles.words)} title words, {len(questions.words)} question words, "
        f"sentences of {body.length_list[0]}-{body.length_list[-1]} words, "
        f"comma after {body.comma_rate:.1%} of words")

    prepare_folder(args.out)
    rng = random.Random(args.seed)
    articles = (args.passages + PARAGRAPHS_PER_ARTICLE - 1) // PARAGRAPHS_PER_ARTICLE
    written_bytes = 0
    words = 0
    for number in range(1, articles + 1):
        paragraphs = min(PARAGRAPHS_PER_ARTICLE, args.passages - (number - 1) * PARAGRAPHS_PER_ARTICLE)
        identifier, text, paragraph_words = article_text(number, paragraphs, rng, body, titles, questions, themes,
                                        sentences_per_paragraph)
        data = text.encode("utf-8")
        with open(os.path.join(args.out, f"{identifier}.md"), "wb") as handle:
            handle.write(data)
        written_bytes += len(data)
        words += paragraph_words
        if number % 2000 == 0:
            log(f"{number}/{articles} articles")
    seconds = time.perf_counter() - start
    log(f"{articles} articles, {args.passages} passages, {written_bytes / 2**20:.1f} MB -> {args.out} in {seconds:.1f} s")
    print(json.dumps({
        "articles": articles,
        "passages": args.passages,
        "paragraph_words": words,
        "bytes": written_bytes,
        "seed": args.seed,
        "source_articles": len(source),
        "vocabulary": len(body.words),
        "seconds": round(seconds, 3),
    }), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
