#!/usr/bin/env python3
"""Reduces Nori's exported entries (entries.tsv from NoriExport.java) to the lexicon Jikji's
segmenter reads: Hangul surfaces only; per surface its cheapest entry for each pair of context
ids (left, right), as the connection matrix tells entries of one class apart by them (시 as
an ending has three, each joining the next morpheme at another cost); the morpheme
boundaries a compound or inflected entry states, as a bit mask of character offsets (bit k: a
morpheme ends after k characters); and the entry's context ids (the rows and columns of the
connection matrix).

Usage: reduce.py entries.tsv lexicon.tsv
"""
import collections
import re
import sys

HANGUL = re.compile(r'^[\uac00-\ud7a3]+$')


def boundaries(surface, morphemes):
    """Character offsets inside `surface` where one of its stated morphemes ends, as a mask.
    Inflected entries fuse syllables (했 = 하 + 았): only boundaries the surface itself shows
    (the morphemes so far spell its beginning) count."""
    mask, spelled = 0, ''
    for m in morphemes.split('+') if morphemes else []:
        spelled += m.rsplit('/', 1)[0]
        if len(spelled) < len(surface) and surface.startswith(spelled):
            mask |= 1 << len(spelled)
    return mask


def main(source, target):
    entries = collections.defaultdict(dict)
    with open(source, encoding='utf-8') as f:
        for line in f:
            surface, _type, left, right, cost, morphemes, left_id, right_id = \
                line.rstrip('\n').split('\t')
            if not HANGUL.match(surface):
                continue
            cost, mask = int(cost), boundaries(surface, morphemes)
            best = entries[surface].get((left_id, right_id))
            if best is None or best[0] > cost:
                entries[surface][(left_id, right_id)] = (cost, mask, left, right)
    with open(target, 'w', encoding='utf-8') as out:
        for surface in sorted(entries):
            kinds = sorted(entries[surface].items(), key=lambda kv: kv[1][0])
            for (left_id, right_id), (cost, mask, left, right) in kinds:
                out.write(f'{surface}\t{left}\t{right}\t{cost}\t{mask}\t{left_id}\t{right_id}\n')


if __name__ == '__main__':
    main(*sys.argv[1:])
