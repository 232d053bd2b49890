#!/usr/bin/env python3
"""Tests of eval.py's own logic (run.sh runs them before each evaluation):
python3 bench/korean/test_eval.py"""

import importlib.util
import unittest
from pathlib import Path

spec = importlib.util.spec_from_file_location("ev", Path(__file__).with_name("eval.py"))
ev = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ev)


class Particles(unittest.TestCase):
    def test_the_final_consonant_picks_the_form(self):
        self.assertEqual(ev.particle_form("중관춘", ("은", "는")), "은")
        self.assertEqual(ev.particle_form("화웨이", ("은", "는")), "는")
        self.assertEqual(ev.particle_form("창업", ("과", "와")), "과")
        self.assertEqual(ev.particle_form("회사", ("과", "와")), "와")
        self.assertEqual(ev.particle_form("중관춘", ("으로", "로")), "으로")
        self.assertEqual(ev.particle_form("회사", ("으로", "로")), "로")
        # ㄹ takes 로: 서울로, not 서울으로.
        self.assertEqual(ev.particle_form("서울", ("으로", "로")), "로")
        self.assertEqual(ev.particle_form("서울", ("을", "를")), "을")

    def test_longer_particles_are_tried_first(self):
        self.assertLess(ev.PARTICLE_FORMS.index("에서"), ev.PARTICLE_FORMS.index("에"))
        self.assertLess(ev.PARTICLE_FORMS.index("으로"), ev.PARTICLE_FORMS.index("로"))


class Words(unittest.TestCase):
    def test_punctuation_and_script_changes_separate_words(self):
        words = [w for w, _, _ in ev.core_words("'중관춘'에서 1일부터 SEMI는 A·B")]
        self.assertEqual(words, ["중관춘", "에서", "1", "일부터", "SEMI", "는", "A", "B"])

    def test_a_word_is_eligible_only_when_both_analyzers_read_noun_plus_particle(self):
        text = "중관춘에서 회의를 회의"
        kiwi = [("중관춘", "NNP", 0, 3), ("에서", "JKB", 3, 5),
                ("회의", "NNG", 6, 8), ("를", "JKO", 8, 9), ("회의", "NNG", 10, 12)]
        nori = [("중관춘", "NNP", 0, 3), ("회의", "NNG", 6, 8), ("회의", "NNG", 10, 12)]
        self.assertEqual(ev.eligible_words(text, nori, kiwi),
                         [("중관춘", "에서", "중관춘에서"), ("회의", "를", "회의를")])
        # Nori splitting the noun makes the word ineligible.
        nori_split = [("중관", "NNG", 0, 2), ("춘", "NNG", 2, 3)] + nori[1:]
        self.assertEqual(ev.eligible_words(text, nori_split, kiwi),
                         [("회의", "를", "회의를")])


class UniformSample(unittest.TestCase):
    def test_the_uniform_sample_is_drawn_from_the_same_candidates_and_fixed(self):
        nori = {w: {0} for w in ["가나", "다라", "마바", "사아", "자", "abc"]}
        kiwi = {w: {0} for w in ["가나", "다라", "마바", "사아", "차카"]}
        old = ev.NOUN_SAMPLE
        ev.NOUN_SAMPLE = 3
        try:
            first, candidates = ev.sample_nouns_uniform(nori, kiwi)
            again, _ = ev.sample_nouns_uniform(nori, kiwi)
        finally:
            ev.NOUN_SAMPLE = old
        self.assertEqual(candidates, 4)  # Hangul, two syllables or more, both analyzers
        self.assertEqual(first, again)
        self.assertTrue(set(first) <= {"가나", "다라", "마바", "사아"})


class Scores(unittest.TestCase):
    def test_recall_and_precision_are_micro_averaged(self):
        both = {"a": {1, 2}, "b": {3}}
        either = {"a": {1, 2, 4}, "b": {3}}
        got = {"a": {1, 4, 5}, "b": {3}}
        s = ev.set_scores(got, ["a", "b"], both, either)
        self.assertEqual((s["relevant_found"], s["relevant"]), (2, 3))
        self.assertEqual((s["returned_correct"], s["returned"]), (3, 4))
        self.assertAlmostEqual(s["recall"], 2 / 3)
        self.assertAlmostEqual(s["precision"], 3 / 4)

    def test_known_item_first_and_top_10(self):
        s = ev.known_item_scores([("x", ["x", "y"]), ("y", ["x", "y"]), ("z", [])])
        self.assertAlmostEqual(s["first"], 1 / 3)
        self.assertAlmostEqual(s["top10"], 2 / 3)

    def test_a_copy_of_the_known_item_counts_as_the_item(self):
        articles = [{"id": "x", "text": "t\nsame"}, {"id": "y", "text": "t\nsame"},
                    {"id": "z", "text": "t\nother"}]
        copies = ev.copies_of(articles)
        self.assertEqual(copies, {"x": {"x", "y"}, "y": {"x", "y"}})
        s = ev.known_item_scores([("x", ["y", "x"]), ("z", ["y", "z"])], copies)
        self.assertAlmostEqual(s["first"], 1 / 2)
        self.assertAlmostEqual(ev.known_item_scores([("x", ["y", "x"])])["first"], 0)

    def test_nouns_alone_drop_the_particles_both_forms_share(self):
        written = [("a", "프랑스에서 이유로 서울은")]
        swapped = [("a", "프랑스에 이유에서 서울로")]
        self.assertEqual(ev.nouns_alone(written, swapped), [("a", "프랑스 이유 서울")])

    def test_bm25_prefers_rare_terms_and_breaks_ties_by_article_order(self):
        bm25 = ev.Bm25([["a", "b"], ["a"], ["a", "c"], ["b"]])
        self.assertEqual(bm25.rank(["c"], 10), [2])
        self.assertEqual(bm25.rank(["a", "c"], 10)[0], 2)
        self.assertEqual(bm25.rank(["b"], 10), [3, 0])  # the shorter article first
        self.assertEqual(ev.Bm25([["a"], ["a"]]).rank(["a"], 10), [0, 1])


class Sample(unittest.TestCase):
    def test_the_noun_sample_is_fixed_and_spread(self):
        nori = {f"가{chr(0xAC00 + i)}": set(range(1 + i % 40)) for i in range(2000)}
        kiwi = dict(nori)
        first, _ = ev.sample_nouns(nori, kiwi)
        again, _ = ev.sample_nouns(nori, kiwi)
        self.assertEqual(first, again)
        self.assertEqual(len(first), ev.NOUN_SAMPLE)
        # 50 candidates are in one article, fewer than a bucket's share (400 / 6 buckets):
        # all of them are drawn, where a uniform draw would take about 10.
        rare = sum(1 for w in first if len(nori[w]) == 1)
        self.assertEqual(rare, 50)


if __name__ == "__main__":
    unittest.main()
