"""The models of the Python-package tests and of `bench/run models`: Hugging Face transformers built from
configs with random weights (no downloads) and a ResNet-style CNN in torch.nn.

Each builder returns (model in eval mode, example inputs tuple, keyword arguments for the call)."""
from __future__ import annotations

import torch
import torch.nn as nn


def _seeded(seed: int):
    torch.manual_seed(seed)


def bert(batch: int = 1, seq: int = 128, small: bool = False):
    from transformers import BertConfig, BertModel
    _seeded(0)
    config = BertConfig() if not small else BertConfig(hidden_size=64, num_hidden_layers=2,
                                                       num_attention_heads=4, intermediate_size=128,
                                                       vocab_size=1000)
    config.attn_implementation = "sdpa"
    model = BertModel(config).eval()
    ids = torch.randint(0, config.vocab_size, (batch, seq))
    return model, (ids,), {}


def gpt2(batch: int = 1, seq: int = 128, small: bool = False):
    from transformers import GPT2Config, GPT2LMHeadModel
    _seeded(1)
    config = GPT2Config() if not small else GPT2Config(n_embd=64, n_layer=2, n_head=4, vocab_size=1000,
                                                       bos_token_id=0, eos_token_id=0)
    model = GPT2LMHeadModel(config).eval()
    ids = torch.randint(0, config.vocab_size, (batch, seq))
    return model, (ids,), {"use_cache": False}


def llama(batch: int = 1, seq: int = 128, small: bool = False):
    """A small LLaMA: RMSNorm, rotary embeddings, SiLU-gated MLP, grouped-query attention (8 heads, 2 KV)."""
    from transformers import LlamaConfig, LlamaForCausalLM
    _seeded(2)
    if small:
        config = LlamaConfig(hidden_size=64, intermediate_size=172, num_hidden_layers=2, num_attention_heads=4,
                             num_key_value_heads=2, vocab_size=1000, max_position_embeddings=256)
    else:
        config = LlamaConfig(hidden_size=512, intermediate_size=1376, num_hidden_layers=4,
                             num_attention_heads=8, num_key_value_heads=2, vocab_size=8000,
                             max_position_embeddings=1024)
    model = LlamaForCausalLM(config).eval()
    ids = torch.randint(0, config.vocab_size, (batch, seq))
    return model, (ids,), {"use_cache": False}


class Bottleneck(nn.Module):
    expansion = 4

    def __init__(self, inplanes: int, planes: int, stride: int = 1):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, stride=stride, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.conv3 = nn.Conv2d(planes, planes * 4, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(planes * 4)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = None
        if stride != 1 or inplanes != planes * 4:
            self.downsample = nn.Sequential(nn.Conv2d(inplanes, planes * 4, 1, stride=stride, bias=False),
                                            nn.BatchNorm2d(planes * 4))

    def forward(self, x):
        identity = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        return self.relu(out + identity)


class ResNetCNN(nn.Module):
    """ResNet-style: stem conv-bn-relu + max pool, bottleneck stages, global average pool, linear head."""

    def __init__(self, widths=(64, 128, 256), blocks=(2, 2, 2), num_classes: int = 1000):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 64, 7, stride=2, padding=3, bias=False), nn.BatchNorm2d(64),
                                  nn.ReLU(inplace=True), nn.MaxPool2d(3, stride=2, padding=1))
        layers, inplanes = [], 64
        for i, (width, count) in enumerate(zip(widths, blocks)):
            for j in range(count):
                layers.append(Bottleneck(inplanes, width, stride=2 if (i > 0 and j == 0) else 1))
                inplanes = width * 4
        self.layers = nn.Sequential(*layers)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(inplanes, num_classes)

    def forward(self, x):
        x = self.layers(self.stem(x))
        return self.fc(torch.flatten(self.pool(x), 1))


def resnet(batch: int = 1, image: int = 224, small: bool = False):
    _seeded(3)
    if small:
        model = ResNetCNN(widths=(8, 16), blocks=(1, 1), num_classes=10)
        image = min(image, 32)
    else:
        model = ResNetCNN()
    # Non-trivial batch-norm statistics, so the folded affine transform is exercised.
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, nn.BatchNorm2d):
                module.running_mean.uniform_(-0.1, 0.1)
                module.running_var.uniform_(0.5, 1.5)
                module.weight.uniform_(0.5, 1.5)
                module.bias.uniform_(-0.1, 0.1)
    model.eval()
    return model, (torch.randn(batch, 3, image, image),), {}


MODELS = {"bert": bert, "gpt2": gpt2, "llama": llama, "resnet": resnet}


def first_tensor(output):
    """The main output of a model call (logits / last hidden state / the tensor itself)."""
    if isinstance(output, torch.Tensor):
        return output
    if hasattr(output, "logits") and output.logits is not None:
        return output.logits
    if hasattr(output, "last_hidden_state"):
        return output.last_hidden_state
    return output[0]
