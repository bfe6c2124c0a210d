"""Reading what a handler sends as a download in the tests."""


def csv_text(response) -> str:
    """The CSV a download response carries (streamed or not), without its byte-order mark."""
    return b"".join(
        response.streaming_content if response.streaming else [response.content]
    ).decode("utf-8-sig")
