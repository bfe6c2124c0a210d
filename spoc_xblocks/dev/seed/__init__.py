"""The demo SPOC's data, one module per block, played through the blocks' real handler URLs as
people would.

What no handler does is made here directly: history, by moving the rows of what learners did back in
time.
"""
