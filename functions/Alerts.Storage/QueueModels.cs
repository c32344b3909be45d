namespace Alerts.Storage;

/// <summary>A message taken by Get Messages: invisible to others until <see cref="NextVisibleOn"/>.</summary>
/// <param name="PopReceipt">Needed to update or delete the message; changes on every receive and update.</param>
/// <param name="DequeueCount">1 on the first receive.</param>
/// <param name="Text">The decoded text (Base64 as the Functions queue binding writes it), or the raw text when it is not Base64 of UTF-8.</param>
public sealed record ReceivedMessage(
    string MessageId,
    string PopReceipt,
    long DequeueCount,
    DateTimeOffset InsertedOn,
    DateTimeOffset ExpiresOn,
    DateTimeOffset NextVisibleOn,
    string Text);

/// <summary>A message seen by Peek Messages: not taken, so no pop receipt.</summary>
public sealed record PeekedMessage(string MessageId, long DequeueCount, DateTimeOffset InsertedOn, DateTimeOffset ExpiresOn, string Text);

/// <summary>What Put Message returns.</summary>
public sealed record SendReceipt(string MessageId, string PopReceipt, DateTimeOffset InsertedOn, DateTimeOffset ExpiresOn, DateTimeOffset NextVisibleOn);

/// <summary>What Update Message returns: the receipt to use from now on.</summary>
public sealed record UpdateReceipt(string PopReceipt, DateTimeOffset NextVisibleOn);
