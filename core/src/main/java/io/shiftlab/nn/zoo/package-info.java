/**
 * The model catalog: named architectures with documented, tested parameter counts, one file per
 * kind of network ({@link io.shiftlab.nn.zoo.DenseNets}, {@link io.shiftlab.nn.zoo.PlainCnns},
 * {@link io.shiftlab.nn.zoo.AllConvNets}, {@link io.shiftlab.nn.zoo.GapNets}, {@link
 * io.shiftlab.nn.zoo.VggSmall}, {@link io.shiftlab.nn.zoo.ResNetCifar}), registered in {@link
 * io.shiftlab.nn.zoo.ModelCatalog}.
 */
package io.shiftlab.nn.zoo;
