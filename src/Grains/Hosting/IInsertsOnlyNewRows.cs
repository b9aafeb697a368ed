namespace Quartermaster.Grains.Hosting;

/// <summary>
/// A storage provider whose write of a state that was never read (no ETag) inserts it only if nothing is stored
/// for the grain yet, and otherwise refuses it with an <see cref="InconsistentStateException"/> and changes
/// nothing. A grain that is almost always new (an order being placed) may then write first and read only when
/// refused, saving the read its activation would otherwise wait for.
/// </summary>
public interface IInsertsOnlyNewRows;
