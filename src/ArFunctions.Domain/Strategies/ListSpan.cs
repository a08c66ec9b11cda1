using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ArFunctions.Domain.Strategies;

/// <summary>
/// A read-only list's items as a span, so that hot loops index memory instead of calling through the interface.
/// Arrays, lists and array segments (what callers pass) are read in place; anything else is copied into a pooled
/// array that <see cref="Dispose"/> returns, so no path allocates. The list must not change while this is in use.
/// </summary>
internal ref struct ListSpan<T>
{
    private T[]? _rented;

    public ListSpan(IReadOnlyList<T> items)
    {
        switch (items)
        {
            case T[] array:
                Items = array;
                break;
            case List<T> list:
                Items = CollectionsMarshal.AsSpan(list);
                break;
            case ArraySegment<T> segment:
                Items = segment;
                break;
            default:
                _rented = ArrayPool<T>.Shared.Rent(items.Count);
                for (var i = 0; i < items.Count; i++)
                {
                    _rented[i] = items[i];
                }

                Items = _rented.AsSpan(0, items.Count);
                break;
        }
    }

    public ReadOnlySpan<T> Items { get; private set; }

    public void Dispose()
    {
        if (_rented is not null)
        {
            ArrayPool<T>.Shared.Return(_rented, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());
            _rented = null;
            Items = default;
        }
    }
}
