"""Countries as integers, and integer keys that stand for several columns: grouping, joining and windows on one
integer column are several times faster than on two or three columns of text (10 million events on Polars: a
group-by by one key takes a third of the time it takes by sender, recipient and year).

Keys pack small integers into one Int64 by multiplying by powers of two, so every backend computes them with
plain arithmetic and unpacks them with `//` and `%`. Country codes stay below 2**16 (a few hundred states) and
years below 2**16.
"""

from __future__ import annotations

import narwhals as nw

COUNTRY_SPAN = 2**16  # country codes are below this
YEAR_SPAN = 2**16  # years are below this
DYAD_YEAR_KEY = "dyad_year"


def encode_countries(events: nw.LazyFrame) -> tuple[nw.LazyFrame, nw.LazyFrame]:
    """`events` with sender and recipient as integer codes (0, 1, … in alphabetical order) and the code table
    (`code`, `country_id`)."""
    codes = nw.concat([events.select(code="sender"), events.select(code="recipient")], how="vertical").unique()
    codes = codes.with_row_index("country_id", order_by="code")
    return encode_dyads(events, codes), codes


def encode_dyads(frame: nw.LazyFrame, codes: nw.LazyFrame) -> nw.LazyFrame:
    """`frame`'s sender and recipient replaced by their codes (Int64)."""
    encoded = frame.join(codes.select(sender="code", sender_id="country_id"), on="sender").join(
        codes.select(recipient="code", recipient_id="country_id"), on="recipient"
    )
    encoded = encoded.drop("sender", "recipient").rename({"sender_id": "sender", "recipient_id": "recipient"})
    return encoded.with_columns(nw.col("sender", "recipient").cast(nw.Int64))


def decode_countries(frame: nw.LazyFrame, codes: nw.LazyFrame) -> nw.LazyFrame:
    """`frame`'s coded sender and recipient back to the country codes."""
    frame = frame.rename({"sender": "sender_id", "recipient": "recipient_id"})
    frame = frame.join(codes.select(sender_id="country_id", sender="code"), on="sender_id")
    return frame.join(codes.select(recipient_id="country_id", recipient="code"), on="recipient_id").drop(
        "sender_id", "recipient_id"
    )


def dyad_key() -> nw.Expr:
    """Coded sender and recipient as one integer."""
    return nw.col("sender") * COUNTRY_SPAN + nw.col("recipient")


def dyad_year_key() -> nw.Expr:
    """Coded sender, recipient and year as one integer."""
    return dyad_key() * YEAR_SPAN + nw.col("year").cast(nw.Int64)


def with_dyad_year_key(frame: nw.LazyFrame) -> nw.LazyFrame:
    """`frame` (coded sender and recipient, year) with its DYAD_YEAR_KEY column."""
    return frame.with_columns(**{DYAD_YEAR_KEY: dyad_year_key()})


def dyad_of(key: nw.Expr, per_dyad: int) -> tuple[nw.Expr, nw.Expr]:
    """Sender and recipient of a key made as `dyad_key() * per_dyad + something below per_dyad`."""
    dyad = key // per_dyad
    return dyad // COUNTRY_SPAN, dyad % COUNTRY_SPAN
