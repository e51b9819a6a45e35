"""Synthetic text as scikit-learn makes TF-IDF of it: N documents over a Zipf vocabulary of 200,000
words, each from one of TOPICS topics (300 words each, a quarter of its words), hashed to 2^16
features (HashingVectorizer) and weighted by TfidfTransformer (rows of unit length).

    python3 tfidf_data.py N TOPICS OUT     # writes OUT.svm (dump_svmlight_file, 0-based) and OUT.npz
"""
import sys

import numpy as np
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
from sklearn.datasets import dump_svmlight_file
import scipy.sparse as sp
n = int(sys.argv[1]); topics = int(sys.argv[2]); out = sys.argv[3]
rng = np.random.default_rng(0)
vocab = 200000
# Zipf word frequencies; each topic boosts its own 300 words
base = 1.0 / np.arange(1, vocab + 1) ** 1.1
base /= base.sum()
topic_words = [rng.choice(vocab, 300, replace=False) for _ in range(topics)]
docs = []; y = []
for i in range(n):
    t = i % topics
    length = rng.integers(30, 120)
    general = rng.choice(vocab, size=length, p=base)
    specific = rng.choice(topic_words[t], size=length // 3)
    words = np.concatenate([general, specific])
    docs.append(" ".join("w%d" % w for w in words)); y.append(t)
X = HashingVectorizer(n_features=2**16, alternate_sign=False, norm=None).transform(docs)
X = TfidfTransformer().fit_transform(X).tocsr()
X.sort_indices()
dump_svmlight_file(X, np.array(y), out + ".svm")
sp.save_npz(out + ".npz", X)
print(X.shape, X.nnz, X.nnz / X.shape[0])
