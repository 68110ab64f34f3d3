import { Injectable } from '@nestjs/common';

/** Flipped first on shutdown so readiness turns red before connections close. */
@Injectable()
export class ShutdownState {
  private draining = false;

  startDraining(): void {
    this.draining = true;
  }

  get isDraining(): boolean {
    return this.draining;
  }
}
