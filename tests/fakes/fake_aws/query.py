"""Reading flattened Query API parameters ("InstanceId.1", "Filter.1.Value.2")."""
from .errors import AwsError


def members(params, prefix):
    """Values of prefix.1, prefix.2, ... in index order."""
    found = []
    for key, value in params.items():
        head, _, index = key.rpartition(".")
        if head == prefix and index.isdigit():
            found.append((int(index), value))
    return [value for _, value in sorted(found)]


def structs(params, prefix):
    """prefix.N.Field... -> list of {"Field...": value} in index order."""
    groups = {}
    start = prefix + "."
    for key, value in params.items():
        if key.startswith(start):
            index, _, rest = key[len(start):].partition(".")
            if index.isdigit() and rest:
                groups.setdefault(int(index), {})[rest] = value
    return [groups[i] for i in sorted(groups)]


def filters(params):
    """Filter.N.Name / Filter.N.Value.M -> {name: [values]}."""
    result = {}
    for group in structs(params, "Filter"):
        name = group.get("Name")
        if not name:
            raise AwsError("InvalidParameterValue", "Filter name must not be empty.")
        result.setdefault(name, []).extend(members(group, "Value"))
    return result


def required(params, name):
    value = params.get(name)
    if value in (None, ""):
        raise AwsError("MissingParameter", f"The request must contain the parameter {name}")
    return value


def paginate(items, params, default_max, low=5, high=1000):
    """Slices items by MaxResults / NextToken; returns (page, next_token or None)."""
    max_results = int(params.get("MaxResults", default_max))
    if not low <= max_results <= high:
        raise AwsError("InvalidParameterValue",
                       f"Value ( {max_results} ) for parameter maxResults is invalid. "
                       f"Expecting a value between {low} and {high}.")
    token = params.get("NextToken")
    start = 0
    if token:
        if not token.startswith("fake-page-") or not token[10:].isdigit():
            raise AwsError("InvalidParameterValue", "The token is invalid or has expired.")
        start = int(token[10:])
    page = items[start:start + max_results]
    more = start + max_results < len(items)
    return page, (f"fake-page-{start + max_results}" if more else None)
