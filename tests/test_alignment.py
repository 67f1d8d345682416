"""Alignment: profiles, comparisons, clusters and their stability on hand-made data."""

import numpy as np
import pandas as pd
import pytest

from helpers import alignment


def two_blobs(seed=0):
    rng = np.random.default_rng(seed)
    return np.vstack([rng.normal(0, 0.1, (10, 2)), rng.normal(5, 0.1, (10, 2))])


def test_choose_k_and_clusters_find_two_separated_groups():
    data = two_blobs()
    for method in ("average", "kmeans"):
        assert alignment.choose_k(data, method).idxmax() == 2
        labels = alignment.cluster_labels(data, 2, method)
        assert len(set(labels[:10])) == 1 and len(set(labels[10:])) == 1 and labels[0] != labels[10]


def test_bootstrap_stability_is_one_for_separated_groups_and_lower_for_noise():
    data = two_blobs()
    labels = alignment.cluster_labels(data, 2)

    def jitter(rng):
        return data + rng.normal(0, 0.1, data.shape)

    stable = alignment.bootstrap_stability(labels, jitter, lambda d: alignment.cluster_labels(d, 2), 20, progress=False)
    assert stable["mean_ari"] == 1.0 and (stable["jaccard"] == 1.0).all()
    noise = np.random.default_rng(1).normal(0, 1, (20, 2))
    noisy = alignment.bootstrap_stability(
        alignment.cluster_labels(noise, 3),
        lambda rng: noise + rng.normal(0, 1, noise.shape),
        lambda d: alignment.cluster_labels(d, 3),
        20,
        progress=False,
    )
    assert noisy["mean_ari"] < 0.8


def test_mantel_detects_related_and_not_unrelated_matrices():
    rng = np.random.default_rng(3)
    points = rng.normal(size=(15, 2))
    d = alignment.dissimilarity(pd.DataFrame(points))
    related = alignment.mantel_test(d, d + rng.normal(0, 0.05, d.shape) * (1 - np.eye(15)), 199, seed=1)
    unrelated = alignment.mantel_test(d, alignment.dissimilarity(pd.DataFrame(rng.normal(size=(15, 2)))), 199, seed=1)
    assert related["r"] > 0.9 and related["p_value"] == pytest.approx(1 / 200)
    assert unrelated["p_value"] > 0.05


def test_classical_mds_recovers_distances_of_planar_points():
    points = np.array([[0.0, 0.0], [3.0, 0.0], [0.0, 4.0], [3.0, 4.0]])
    d = alignment.dissimilarity(pd.DataFrame(points))
    recovered = alignment.dissimilarity(pd.DataFrame(alignment.classical_mds(d)))
    assert np.allclose(recovered, d)


def test_agreement_with_and_matrix_and_roll_call_resampling():
    similarity = pd.DataFrame(
        {
            "country_a": ["PRK", "CUB", "PRK", "USA", "CUB", "USA"],
            "country_b": ["CUB", "PRK", "USA", "PRK", "USA", "CUB"],
            "year": 2000,
            "agreement": [0.9, 0.9, 0.1, 0.1, 0.2, 0.2],
        }
    )
    assert alignment.agreement_with(similarity, "PRK", [2000]).to_dict() == {"CUB": 0.9, "USA": 0.1}
    matrix = alignment.agreement_matrix(similarity, ["CUB", "PRK", "USA"], [2000])
    assert matrix.loc["CUB", "USA"] == pytest.approx(0.8) and matrix.loc["PRK", "PRK"] == 0
    votes = pd.DataFrame({"rcid": [1, 1, 2, 2], "country_iso3": ["A", "B", "A", "B"], "vote": ["yes", "no"] * 2})
    resampled = alignment.resample_roll_calls(votes, np.random.default_rng(0))
    assert len(resampled) == 4 and resampled.groupby("rcid").size().eq(2).all()


def test_profiles_and_rank_correlations():
    indicators = pd.DataFrame(
        {
            "sender": ["AAA", "PRK", "BBB", "PRK", "CCC"],
            "recipient": ["PRK", "AAA", "PRK", "BBB", "PRK"],
            "year": 2000,
            "n_messages": [6, 5, 3, 1, 1],
            "occasion_coverage": [1.0, 1.0, 0.5, 0.0, np.nan],
            "reciprocity": [1.0, 1.0, 0.3, 0.0, 0.0],
            "level_max": [4, 4, 3, 2, 1],
            "n_condolence": 0,
            "n_gift": [2, 0, 1, 0, 0],
            "longest_silence_days": [60, 70, 200, 0, 0],
        }
    )
    profiles = alignment.message_profiles(indicators, "PRK", [2000], min_messages=2)
    assert profiles.index.tolist() == ["AAA", "BBB"]  # CCC sent one message only
    agreement = pd.Series({"AAA": 0.9, "BBB": 0.5, "CCC": 0.2})
    full = alignment.message_profiles(indicators, "PRK", [2000], min_messages=0)
    rho = alignment.rank_correlations(full, agreement)
    assert rho.loc["messages_to", "rho"] == pytest.approx(1.0) and rho.loc["messages_to", "n"] == 3  # same order
    z = alignment.standardise(full)
    assert np.allclose(z.mean(), 0) and "condolences_to" not in z.columns  # no spread: dropped
