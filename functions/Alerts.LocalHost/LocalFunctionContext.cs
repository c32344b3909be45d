using System.Collections;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.LocalHost;

/// <summary>
/// The <see cref="FunctionContext"/> the local host hands to a function: invocation id, function id, retry counts, binding data,
/// services and cancellation. It does not describe the function's metadata (<see cref="FunctionDefinition"/>), which only the Functions host has.
/// </summary>
internal sealed class LocalFunctionContext(
    string functionName,
    IServiceProvider services,
    IReadOnlyDictionary<string, object?> bindingData,
    int retryCount,
    int maxRetryCount,
    CancellationToken cancellationToken) : FunctionContext
{
    public override string InvocationId { get; } = Guid.NewGuid().ToString();

    public override string FunctionId => functionName;

    public override TraceContext TraceContext { get; } = new LocalTraceContext();

    public override BindingContext BindingContext { get; } = new LocalBindingContext(bindingData);

    public override RetryContext RetryContext { get; } = new LocalRetryContext(retryCount, maxRetryCount);

    public override IServiceProvider InstanceServices { get; set; } = services;

    public override FunctionDefinition FunctionDefinition
        => throw new NotSupportedException("The local host does not load function metadata.");

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override IInvocationFeatures Features { get; } = new LocalInvocationFeatures();

    public override CancellationToken CancellationToken => cancellationToken;

    private sealed class LocalTraceContext : TraceContext
    {
        public override string TraceParent => System.Diagnostics.Activity.Current?.Id ?? string.Empty;

        public override string TraceState => System.Diagnostics.Activity.Current?.TraceStateString ?? string.Empty;
    }

    private sealed class LocalBindingContext(IReadOnlyDictionary<string, object?> data) : BindingContext
    {
        public override IReadOnlyDictionary<string, object?> BindingData => data;
    }

    private sealed class LocalRetryContext(int retryCount, int maxRetryCount) : RetryContext
    {
        public override int RetryCount => retryCount;

        public override int MaxRetryCount => maxRetryCount;
    }

    private sealed class LocalInvocationFeatures : IInvocationFeatures
    {
        private readonly Dictionary<Type, object> _features = [];

        public void Set<T>(T instance) => _features[typeof(T)] = instance!;

        public T? Get<T>() => _features.TryGetValue(typeof(T), out var value) ? (T)value : default;

        public IEnumerator<KeyValuePair<Type, object>> GetEnumerator() => _features.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
