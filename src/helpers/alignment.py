"""Alignment: countries' positions by UN votes and by their messages with a focal state, compared and clustered.

* Vote side: agreement of every country with a focal state per year (helpers.unvotes.similarity), averaged over a
  period; ideal-point distance (helpers.unvotes.ideal_points) where the votes stop (2019).
* Message side: a profile per country built from the dyad-year indicators of its dyads with the focal state, both
  directions (PROFILE_FEATURES), averaged over a period and standardised (z-scores).
* Comparison: Spearman's rank correlation of each profile feature with the vote agreement; a Mantel test of the two
  dissimilarity matrices (permutations, seeded).
* Clusters: average-linkage hierarchical clustering and k-means, k chosen by silhouette; a classical MDS map;
  stability by bootstrap (adjusted Rand index against the full-data clustering, Jaccard per cluster).
"""

from __future__ import annotations

from collections.abc import Callable

import networkx as nx
import numpy as np
import pandas as pd
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import pdist, squareform
from scipy.stats import spearmanr
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score, silhouette_score
from threadpoolctl import threadpool_limits
from tqdm import tqdm  # plain text bars: they read the same in the HTML edition

PERIODS = {
    "1997-2004": range(1997, 2005),
    "2005-2011": range(2005, 2012),
    "2012-2014": range(2012, 2015),
    "2015-2024": range(2015, 2025),
}
# (direction, indicator) -> profile feature; "to" = the country's messages to the focal state, "from" = the reverse.
PROFILE_FEATURES = {
    ("to", "n_messages"): "messages_to",
    ("from", "n_messages"): "messages_from",
    ("to", "occasion_coverage"): "occasions_covered_to",
    ("from", "occasion_coverage"): "occasions_covered_from",
    ("to", "reciprocity"): "reciprocity_to",
    ("to", "level_max"): "level_to",
    ("from", "level_max"): "level_from",
    ("to", "n_condolence"): "condolences_to",
    ("to", "n_gift"): "gifts_to",
    ("to", "longest_silence_days"): "longest_silence_to",
}


def alignment_periods() -> dict[str, range]:
    """The periods compared (KCNA years split at Kim Jong Il's last years and Kim Jong Un's first; the curated years).

    >>> list(alignment_periods())
    ['1997-2004', '2005-2011', '2012-2014', '2015-2024']
    """
    return dict(PERIODS)


def agreement_with(similarity: pd.DataFrame, focal: str, years, measure: str = "agreement") -> pd.Series:
    """Mean `measure` of each country with `focal` over `years` (rows of helpers.vote_similarity).

    >>> table = pd.DataFrame({"country_a": ["PRK", "PRK", "PRK"], "country_b": ["CUB", "CUB", "USA"],
    ...                       "year": [2000, 2001, 2000], "agreement": [0.9, 0.8, 0.2]})
    >>> agreement_with(table, "PRK", range(2000, 2002)).round(2).to_dict()
    {'CUB': 0.85, 'USA': 0.2}
    """
    rows = similarity[(similarity["country_a"] == focal) & similarity["year"].isin(list(years))]
    return rows.groupby("country_b")[measure].mean().rename_axis("country").rename(measure)


def message_profiles(indicators: pd.DataFrame, focal: str, years, min_messages: int = 3) -> pd.DataFrame:
    """One row per country that exchanged at least `min_messages` messages with `focal` in `years`: the mean of each
    PROFILE_FEATURES indicator over the years (counts per year), not yet standardised.

    >>> table = pd.DataFrame({"sender": ["CUB", "PRK"], "recipient": ["PRK", "CUB"], "year": [2000, 2000],
    ...     "n_messages": [4, 3], "occasion_coverage": [1.0, 0.5], "reciprocity": [0.5, 1.0], "level_max": [4, 4],
    ...     "n_condolence": [0, 0], "n_gift": [1, 0], "longest_silence_days": [100, 90]})
    >>> message_profiles(table, "PRK", [2000]).loc["CUB", ["messages_to", "messages_from"]].tolist()
    [4.0, 3.0]
    """
    rows = indicators[indicators["year"].isin(list(years))]
    to_focal = rows[rows["recipient"] == focal].set_index(["sender", "year"])
    from_focal = rows[rows["sender"] == focal].set_index(["recipient", "year"])
    parts = {}
    for (direction, indicator), feature in PROFILE_FEATURES.items():
        side = to_focal if direction == "to" else from_focal
        values = pd.Series(side[indicator].to_numpy(dtype="float64", na_value=np.nan), index=side.index)
        parts[feature] = values.groupby(level=0).mean()
    profiles = pd.DataFrame(parts).rename_axis("country")
    volume = profiles["messages_to"].fillna(0) + profiles["messages_from"].fillna(0)
    years_count = len(list(years))
    profiles = profiles[(volume * years_count >= min_messages) & (profiles.index != "MULTI")]
    return profiles.sort_index()


def standardise(profiles: pd.DataFrame) -> pd.DataFrame:
    """z-scores per feature; a feature a country has no value for (e.g. no expected occasion) gets 0, the mean;
    features without spread are dropped.

    >>> standardise(pd.DataFrame({"a": [1.0, 3.0], "b": [2.0, 2.0]})).to_dict("list")
    {'a': [-1.0, 1.0]}
    """
    profiles = profiles.astype("float64")
    spread = profiles.std(ddof=0)
    kept = profiles.loc[:, spread.fillna(0) > 0]
    return ((kept - kept.mean()) / kept.std(ddof=0)).fillna(0.0)


def rank_correlations(profiles: pd.DataFrame, agreement: pd.Series) -> pd.DataFrame:
    """Spearman's rho (and its p-value, n) of each profile feature with the vote agreement, over the countries in
    both.

    >>> profiles = pd.DataFrame({"messages_to": [5.0, 3.0, 1.0]}, index=["AAA", "BBB", "CCC"])
    >>> rank_correlations(profiles, pd.Series({"AAA": 0.9, "BBB": 0.5, "CCC": 0.1})).rho.tolist()
    [1.0]
    """
    common = profiles.index.intersection(agreement.dropna().index)
    rows = []
    for feature in profiles.columns:
        values = profiles.loc[common, feature]
        ok = values.notna()
        defined = ok.sum() > 2 and values[ok].nunique() > 1 and agreement[common][ok].nunique() > 1
        rho, p_value = spearmanr(values[ok], agreement[common][ok]) if defined else (np.nan, np.nan)
        rows.append({"feature": feature, "rho": float(rho), "p_value": float(p_value), "n": int(ok.sum())})
    return pd.DataFrame(rows).set_index("feature")


def mantel_test(first: np.ndarray, second: np.ndarray, permutations: int = 999, seed: int = 0) -> dict:
    """Pearson correlation of the upper triangles of two square dissimilarity matrices, and its one-sided
    permutation p-value (rows and columns of `second` permuted together).

    >>> d = squareform(pdist(np.arange(6.0)[:, None]))
    >>> result = mantel_test(d, d * 2, permutations=99, seed=1)
    >>> round(result["r"], 3), bool(result["p_value"] <= 0.05)
    (1.0, True)
    """
    upper = np.triu_indices_from(first, k=1)
    x = first[upper]
    observed = float(np.corrcoef(x, second[upper])[0, 1])
    rng = np.random.default_rng(seed)
    exceed = 0
    for _ in range(permutations):
        order = rng.permutation(len(second))
        exceed += np.corrcoef(x, second[np.ix_(order, order)][upper])[0, 1] >= observed
    return {"r": observed, "p_value": float((exceed + 1) / (permutations + 1)), "permutations": permutations}


def cluster_labels(data: np.ndarray, k: int, method: str = "average", seed: int = 0) -> np.ndarray:
    """Labels 0..k-1 of `data` (rows = countries): average-linkage or Ward hierarchical clustering on Euclidean
    distances, or k-means ("kmeans", 20 seeded starts).

    >>> labels = cluster_labels(np.array([[0.0], [0.1], [5.0], [5.1]]), 2)
    >>> bool(labels[0] == labels[1] != labels[2] == labels[3])
    True
    """
    if method == "kmeans":
        return KMeans(n_clusters=k, n_init=20, random_state=seed).fit_predict(data)
    return fcluster(linkage(data, method=method), k, criterion="maxclust") - 1


def choose_k(data: np.ndarray, method: str = "average", k_values=range(2, 7), seed: int = 0) -> pd.Series:
    """Silhouette width of the clustering for each k (higher is better); the best k is its idxmax().

    >>> int(choose_k(np.array([[0.0], [0.1], [0.2], [5.0], [5.1], [5.2]]), k_values=range(2, 4)).idxmax())
    2
    """
    scores = {}
    with threadpool_limits(limits=1):  # small data: BLAS and OpenMP threads only add contention
        for k in k_values:
            labels = cluster_labels(data, k, method, seed)
            scores[k] = silhouette_score(data, labels) if 1 < len(set(labels)) < len(data) else np.nan
    return pd.Series(scores, name="silhouette").rename_axis("k")


def classical_mds(distances: np.ndarray, dimensions: int = 2) -> np.ndarray:
    """Classical (Torgerson) multidimensional scaling: coordinates whose Euclidean distances best match
    `distances`. Deterministic up to the sign of each axis, which is fixed so the largest coordinate is positive;
    rounded to 12 decimals.

    >>> points = classical_mds(squareform(pdist(np.array([[0.0, 0], [3, 0], [0, 4]]))))
    >>> round(float(np.linalg.norm(points[1] - points[2])), 6)
    5.0
    """
    n = len(distances)
    centring = np.eye(n) - np.ones((n, n)) / n
    inner = -0.5 * centring @ (distances**2) @ centring
    values, vectors = np.linalg.eigh(inner)
    order = np.argsort(values)[::-1][:dimensions]
    coordinates = vectors[:, order] * np.sqrt(np.clip(values[order], 0, None))
    signs = np.sign(coordinates[np.abs(coordinates).argmax(axis=0), range(dimensions)])
    # Rounded so that last-bit differences between LAPACK builds do not reach the figures (equal-aspect maps).
    return np.round(coordinates * np.where(signs == 0, 1, signs), 12)


def bootstrap_stability(
    labels: np.ndarray | dict[str, np.ndarray],
    resample: Callable[[np.random.Generator], np.ndarray],
    cluster: Callable[[np.ndarray], np.ndarray | dict[str, np.ndarray]],
    replicates: int = 200,
    seed: int = 0,
    progress: bool = True,
) -> dict:
    """How sure a clustering is: for each replicate, `resample(rng)` gives new data for the same countries (e.g.
    roll calls drawn with replacement) and `cluster(data)` its labels. Returns the mean adjusted Rand index against
    `labels` and, per cluster of `labels`, the mean Jaccard similarity of its best-matching replicate cluster.

    Several clusterings can share the replicates (each resample is drawn once): pass `labels` as a dict name ->
    labels, let `cluster` return a dict with the same names, and get a dict name -> result.

    >>> data = np.array([[0.0], [0.1], [5.0], [5.1]])
    >>> result = bootstrap_stability(cluster_labels(data, 2), lambda rng: data + rng.normal(0, 0.01, data.shape),
    ...                              lambda d: cluster_labels(d, 2), replicates=5, progress=False)
    >>> result["mean_ari"], result["jaccard"].tolist()
    (1.0, [1.0, 1.0])
    >>> both = bootstrap_stability({"two": cluster_labels(data, 2), "one": np.zeros(4, dtype=int)},
    ...                            lambda rng: data, lambda d: {"two": cluster_labels(d, 2), "one": np.zeros(4)},
    ...                            replicates=3, progress=False)
    >>> {name: r["mean_ari"] for name, r in both.items()}
    {'two': 1.0, 'one': 1.0}
    """
    several = isinstance(labels, dict)
    references = labels if several else {None: labels}
    rng = np.random.default_rng(seed)
    ari = {name: [] for name in references}
    jaccard = {name: {c: [] for c in np.unique(reference)} for name, reference in references.items()}
    for _ in tqdm(range(replicates), desc="bootstrap", disable=not progress):
        with threadpool_limits(limits=1):  # small matrices: BLAS threads only add contention (100x here)
            clustered = cluster(resample(rng))
        clustered = clustered if several else {None: clustered}
        for name, reference in references.items():
            replicate = clustered[name]
            ari[name].append(adjusted_rand_score(reference, replicate))
            for c, scores in jaccard[name].items():
                members = set(np.flatnonzero(reference == c))
                scores.append(
                    max(
                        len(members & set(np.flatnonzero(replicate == r)))
                        / len(members | set(np.flatnonzero(replicate == r)))
                        for r in np.unique(replicate)
                    )
                )
    results = {
        name: {
            "mean_ari": float(np.mean(ari[name])),
            "jaccard": pd.Series({c: float(np.mean(v)) for c, v in jaccard[name].items()}, name="jaccard").rename_axis(
                "cluster"
            ),
            "replicates": replicates,
        }
        for name in references
    }
    return results if several else results[None]


def community_sweep(graph: nx.Graph, resolutions=(0.5, 1.0, 1.5, 2.0), seed: int = 0) -> pd.DataFrame:
    """Louvain communities at each resolution: how many, their modularity, and the community of each node.

    >>> graph = nx.Graph([("A", "B"), ("B", "C"), ("A", "C"), ("D", "E"), ("E", "F"), ("D", "F"), ("C", "D")])
    >>> community_sweep(graph, resolutions=(1.0,)).communities.tolist()
    [2]
    """
    rows = []
    for resolution in resolutions:
        communities = nx.community.louvain_communities(graph, weight="weight", resolution=resolution, seed=seed)
        modularity = nx.community.modularity(graph, communities, weight="weight", resolution=resolution)
        rows.append({"resolution": resolution, "communities": len(communities), "modularity": modularity})
    return pd.DataFrame(rows).set_index("resolution")


def dissimilarity(frame: pd.DataFrame) -> np.ndarray:
    """Euclidean distances between the rows of `frame` as a square matrix.

    >>> dissimilarity(pd.DataFrame({"x": [0.0, 3.0], "y": [0.0, 4.0]})).tolist()
    [[0.0, 5.0], [5.0, 0.0]]
    """
    return squareform(pdist(frame.to_numpy(dtype=float)))


def agreement_matrix(similarity: pd.DataFrame, countries: list[str], years, measure: str = "agreement") -> pd.DataFrame:
    """1 - mean `measure` over `years` for every pair of `countries` (0 on the diagonal; NaN where a pair never
    voted together).

    >>> table = pd.DataFrame({"country_a": ["CUB", "PRK"], "country_b": ["PRK", "CUB"], "year": [2000, 2000],
    ...                       "agreement": [0.75, 0.75]})
    >>> agreement_matrix(table, ["CUB", "PRK"], [2000]).loc["CUB", "PRK"]
    np.float64(0.25)
    """
    rows = similarity[
        similarity["year"].isin(list(years))
        & similarity["country_a"].isin(countries)
        & similarity["country_b"].isin(countries)
    ]
    mean = rows.groupby(["country_a", "country_b"])[measure].mean().unstack()
    matrix = 1 - mean.reindex(index=countries, columns=countries)
    for country in countries:
        matrix.loc[country, country] = 0.0
    return matrix


def resample_roll_calls(votes: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """`votes` (rows of helpers.load_un_votes) with its roll calls drawn with replacement; a roll call drawn twice
    appears twice under new ids.

    >>> votes = pd.DataFrame({"rcid": [7, 7, 9, 9], "country_iso3": ["A", "B"] * 2, "vote": ["yes", "no"] * 2})
    >>> sorted(resample_roll_calls(votes, np.random.default_rng(0)).rcid.unique().tolist())
    [0, 1]
    """
    calls = votes["rcid"].unique()
    drawn = pd.DataFrame({"rcid": rng.choice(calls, size=len(calls), replace=True)})
    drawn["new_rcid"] = np.arange(len(drawn))
    resampled = votes.merge(drawn, on="rcid").drop(columns="rcid").rename(columns={"new_rcid": "rcid"})
    return resampled


def co_marking_network(events: pd.DataFrame, focal: str, years) -> nx.Graph:
    """Countries linked by the focal state's occasions they both marked in the same year (edge weight: how many
    occasion-years): who congratulates Pyongyang together. `events` as helpers.message_events().

    >>> events = pd.DataFrame({"sender": ["CUB", "LAO", "CHN", "CUB", "LAO"], "recipient": "PRK", "year": 2000,
    ...                        "occasion": ["dprk_founding"] * 3 + ["party_founding"] * 2})
    >>> sorted(co_marking_network(events, "PRK", [2000]).edges(data="weight"))
    [('CHN', 'CUB', 1), ('CHN', 'LAO', 1), ('CUB', 'LAO', 2)]
    """
    rows = events[(events["recipient"] == focal) & events["year"].isin(list(years)) & (events["sender"] != "MULTI")]
    marks = rows[["sender", "occasion", "year"]].drop_duplicates()
    pairs = marks.merge(marks, on=["occasion", "year"])
    pairs = pairs[pairs["sender_x"] < pairs["sender_y"]].groupby(["sender_x", "sender_y"]).size()
    graph = nx.Graph()
    graph.add_weighted_edges_from((a, b, int(weight)) for (a, b), weight in pairs.items())
    return graph
