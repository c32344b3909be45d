// Stand-in for Microsoft.Azure.Functions.Worker.Core: FunctionContext and the abstract types its members return.
using System.Collections.Immutable;

namespace Microsoft.Azure.Functions.Worker;

public abstract class FunctionContext
{
    public abstract string InvocationId { get; }

    public abstract string FunctionId { get; }

    public abstract TraceContext TraceContext { get; }

    public abstract BindingContext BindingContext { get; }

    public abstract RetryContext RetryContext { get; }

    public abstract IServiceProvider InstanceServices { get; set; }

    public abstract FunctionDefinition FunctionDefinition { get; }

    public abstract IDictionary<object, object> Items { get; set; }

    public abstract IInvocationFeatures Features { get; }

    public virtual CancellationToken CancellationToken { get; } = CancellationToken.None;
}

public abstract class BindingContext
{
    public abstract IReadOnlyDictionary<string, object?> BindingData { get; }
}

public abstract class TraceContext
{
    public abstract string TraceParent { get; }

    public abstract string TraceState { get; }

    public virtual IReadOnlyDictionary<string, string> Attributes => ImmutableDictionary<string, string>.Empty;
}

public abstract class RetryContext
{
    public abstract int RetryCount { get; }

    public abstract int MaxRetryCount { get; }
}

public enum BindingDirection
{
    In,
    Out,
}

public abstract class BindingMetadata
{
    public abstract string Name { get; }

    public abstract string Type { get; }

    public abstract BindingDirection Direction { get; }
}

public class FunctionParameter
{
    public FunctionParameter(string name, Type type)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Type = type ?? throw new ArgumentNullException(nameof(type));
    }

    public string Name { get; }

    public Type Type { get; }
}

public abstract class FunctionDefinition
{
    public abstract ImmutableArray<FunctionParameter> Parameters { get; }

    public abstract string PathToAssembly { get; }

    public abstract string EntryPoint { get; }

    public abstract string Id { get; }

    public abstract string Name { get; }

    public abstract IImmutableDictionary<string, BindingMetadata> InputBindings { get; }

    public abstract IImmutableDictionary<string, BindingMetadata> OutputBindings { get; }
}

public interface IInvocationFeatures : IEnumerable<KeyValuePair<Type, object>>
{
    void Set<T>(T instance);

    T? Get<T>();
}
