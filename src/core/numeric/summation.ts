/**
 * Neumaier's compensated summation (an improved Kahan sum): the rounding error of each addition is
 * carried separately, so a sum of n terms is accurate to about one ulp of the result instead of n ulps.
 * Present values of long cash-flow vectors are sums of terms of very different size; this keeps them
 * reproducible to the last digit whatever the order of the terms.
 */
export class NeumaierSum {
  private sum = 0;
  private compensation = 0;

  add(x: number): void {
    const t = this.sum + x;
    if (Math.abs(this.sum) >= Math.abs(x)) this.compensation += this.sum - t + x;
    else this.compensation += x - t + this.sum;
    this.sum = t;
  }

  get value(): number {
    return this.sum + this.compensation;
  }
}

/** Σ a[i] · b[i] with compensated summation. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const acc = new NeumaierSum();
  for (let i = 0; i < a.length; i++) acc.add((a[i] as number) * (b[i] as number));
  return acc.value;
}
