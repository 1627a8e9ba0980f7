using CoordinationService.Model;

namespace CoordinationService.Log;

/// <param name="Epoch">The epoch this leader now owns; its marker sits at counter 0.</param>
/// <param name="LastZxidBefore">The highest zxid stored before the marker: what the new leader must catch up to.</param>
public sealed record EpochStart(long Epoch, Zxid LastZxidBefore)
{
    public Zxid MarkerZxid => Zxid.Create(Epoch, 0);
}
