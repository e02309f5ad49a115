using System.Reflection;

namespace Batchata.Emulator.Tests;

/// <summary>Walks what an object holds, for tests of what an emulator keeps.</summary>
internal static class ObjectGraph
{
    /// <summary>
    /// Every object reachable from <paramref name="root"/> through instance fields (array elements and delegate
    /// targets included), without entering the web host (types of <c>Microsoft.*</c> namespaces) or threads.
    /// </summary>
    public static List<object> Reachable(object root)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<object>();
        pending.Push(root);
        while (pending.TryPop(out var current))
        {
            if (!seen.Add(current))
            {
                continue;
            }

            var type = current.GetType();
            if (current is string or MemberInfo or Thread or ExecutionContext || type.IsPrimitive || type.IsEnum)
            {
                continue;
            }

            if (current is Array array)
            {
                if (!type.GetElementType()!.IsPrimitive)
                {
                    foreach (var element in array)
                    {
                        Push(pending, element);
                    }
                }

                continue;
            }

            for (var t = type; t is not null; t = t.BaseType)
            {
                foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (!field.FieldType.IsPrimitive && !field.FieldType.IsPointer)
                    {
                        Push(pending, field.GetValue(current));
                    }
                }
            }
        }

        return [.. seen];
    }

    private static void Push(Stack<object> pending, object? value)
    {
        if (value is not null && value.GetType().Namespace?.StartsWith("Microsoft.", StringComparison.Ordinal) != true)
        {
            pending.Push(value);
        }
    }
}
