"""The page "Inom kommunen": a municipality's DeSO and RegSO areas."""
