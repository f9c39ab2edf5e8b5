"""Operations ``/data/operator``: sign-in, run history and refreshes, behind the operator token."""
