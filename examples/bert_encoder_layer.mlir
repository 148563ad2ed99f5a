// A BERT-base encoder layer (post-LayerNorm, as in HF BertLayer): hidden 768, 12 heads, seq 128,
// GELU FFN of 3072, additive attention mask [B, 1, 1, S]. The batch size is dynamic.
func.func @bert_encoder_layer(%x: tensor<?x128x768xf32>, %mask: tensor<?x1x1x128xf32>, %wq: tensor<768x768xf32>, %bq: tensor<768xf32>, %wk: tensor<768x768xf32>, %bk: tensor<768xf32>, %wv: tensor<768x768xf32>, %bv: tensor<768xf32>, %wo: tensor<768x768xf32>, %bo: tensor<768xf32>, %ln1_w: tensor<768xf32>, %ln1_b: tensor<768xf32>, %w1: tensor<3072x768xf32>, %b1: tensor<3072xf32>, %w2: tensor<768x3072xf32>, %b2: tensor<768xf32>, %ln2_w: tensor<768xf32>, %ln2_b: tensor<768xf32>) -> tensor<?x128x768xf32> {
  %q_lin = aten.linear %x, %wq bias(%bq) : (tensor<?x128x768xf32>, tensor<768x768xf32>, tensor<768xf32>) -> tensor<?x128x768xf32>
  %q_split = aten.view %q_lin {size = array<i64: -1, 128, 12, 64>} : (tensor<?x128x768xf32>) -> tensor<?x128x12x64xf32>
  %q_heads = aten.permute %q_split {dims = array<i64: 0, 2, 1, 3>} : (tensor<?x128x12x64xf32>) -> tensor<?x12x128x64xf32>
  %k_lin = aten.linear %x, %wk bias(%bk) : (tensor<?x128x768xf32>, tensor<768x768xf32>, tensor<768xf32>) -> tensor<?x128x768xf32>
  %k_split = aten.view %k_lin {size = array<i64: -1, 128, 12, 64>} : (tensor<?x128x768xf32>) -> tensor<?x128x12x64xf32>
  %k_heads = aten.permute %k_split {dims = array<i64: 0, 2, 1, 3>} : (tensor<?x128x12x64xf32>) -> tensor<?x12x128x64xf32>
  %v_lin = aten.linear %x, %wv bias(%bv) : (tensor<?x128x768xf32>, tensor<768x768xf32>, tensor<768xf32>) -> tensor<?x128x768xf32>
  %v_split = aten.view %v_lin {size = array<i64: -1, 128, 12, 64>} : (tensor<?x128x768xf32>) -> tensor<?x128x12x64xf32>
  %v_heads = aten.permute %v_split {dims = array<i64: 0, 2, 1, 3>} : (tensor<?x128x12x64xf32>) -> tensor<?x12x128x64xf32>
  %ctx = aten.scaled_dot_product_attention %q_heads, %k_heads, %v_heads attn_mask(%mask) : (tensor<?x12x128x64xf32>, tensor<?x12x128x64xf32>, tensor<?x12x128x64xf32>, tensor<?x1x1x128xf32>) -> tensor<?x12x128x64xf32>
  %ctx_t = aten.permute %ctx {dims = array<i64: 0, 2, 1, 3>} : (tensor<?x12x128x64xf32>) -> tensor<?x128x12x64xf32>
  %ctx_m = aten.reshape %ctx_t {shape = array<i64: -1, 128, 768>} : (tensor<?x128x12x64xf32>) -> tensor<?x128x768xf32>
  %attn = aten.linear %ctx_m, %wo bias(%bo) : (tensor<?x128x768xf32>, tensor<768x768xf32>, tensor<768xf32>) -> tensor<?x128x768xf32>
  %res1 = aten.add.Tensor %attn, %x : (tensor<?x128x768xf32>, tensor<?x128x768xf32>) -> tensor<?x128x768xf32>
  %h = aten.layer_norm %res1 weight(%ln1_w) bias(%ln1_b) {eps = 1.0e-12 : f64, normalized_shape = array<i64: 768>} : (tensor<?x128x768xf32>, tensor<768xf32>, tensor<768xf32>) -> tensor<?x128x768xf32>
  %up = aten.linear %h, %w1 bias(%b1) : (tensor<?x128x768xf32>, tensor<3072x768xf32>, tensor<3072xf32>) -> tensor<?x128x3072xf32>
  %act = aten.gelu %up : (tensor<?x128x3072xf32>) -> tensor<?x128x3072xf32>
  %down = aten.linear %act, %w2 bias(%b2) : (tensor<?x128x3072xf32>, tensor<768x3072xf32>, tensor<768xf32>) -> tensor<?x128x768xf32>
  %res2 = aten.add.Tensor %down, %h : (tensor<?x128x768xf32>, tensor<?x128x768xf32>) -> tensor<?x128x768xf32>
  %out = aten.layer_norm %res2 weight(%ln2_w) bias(%ln2_b) {eps = 1.0e-12 : f64, normalized_shape = array<i64: 768>} : (tensor<?x128x768xf32>, tensor<768xf32>, tensor<768xf32>) -> tensor<?x128x768xf32>
  return %out : tensor<?x128x768xf32>
}
