#!/usr/bin/env python3
# usage: bench/republish.py DIST_A DIST_B
# What a rebuild with one more file changes in a published site: files of dist B that dist A
# does not have with the same path and bytes, by kind; and what a visitor who saved the whole
# archive of A fetches to save B's (B's parts not in A).
import os, sys, hashlib, collections
def files(root):
    out = {}
    for d, _, fs in os.walk(os.path.join(root, 'texts')):
        for f in fs:
            p = os.path.join(d, f)
            out[os.path.relpath(p, root)] = hashlib.sha1(open(p, 'rb').read()).hexdigest(), os.path.getsize(p)
    return out
a, b = files(sys.argv[1]), files(sys.argv[2])
kinds = collections.defaultdict(lambda: [0, 0, 0, 0])
for p, (h, n) in b.items():
    name = os.path.basename(p)
    kind = 'core' if name == 'core.bin' else ('chunks' if '/chunks/' in p else name[0])
    k = kinds[kind]; k[0] += 1; k[1] += n
    if a.get(p, (None,))[0] != h:
        k[2] += 1; k[3] += n
tot = [sum(k[i] for k in kinds.values()) for i in range(4)]
for kind, k in sorted(kinds.items()):
    print(f"{kind:7s} {k[0]:7d} files {k[1]/1e6:9.2f} MB   new or changed {k[2]:7d} files {k[3]/1e6:9.2f} MB")
print(f"total   {tot[0]:7d} files {tot[1]/1e6:9.2f} MB   new or changed {tot[2]:7d} files {tot[3]/1e6:9.2f} MB ({100*tot[3]/tot[1]:.1f}%)")
