"use client";

import { type ChangeEvent, useActionState, useState } from "react";
import { ActionMessage } from "@/components/ui/action-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { type ProductFormState, saveProduct } from "@/lib/dashboard/product-actions";
import { MAX_IMAGE_BYTES, MAX_IMAGE_MB } from "@/lib/storage/limits";
import { Field, inputClass } from "@/components/ui/text-field";

type Product = {
  id: string;
  name: string;
  slug: string;
  description: string;
  priceKes: number;
  compareAtKes: number | null;
  stock: number;
  /** Stock is then kept per variant, on the variants page. */
  hasOptions: boolean;
  categoryId: string;
  imageUrl: string;
};

export function ProductForm({
  product,
  categories,
}: {
  product?: Product;
  categories: { id: string; name: string }[];
}) {
  const [state, action] = useActionState<ProductFormState, FormData>(saveProduct, null);
  const [imageTooBig, setImageTooBig] = useState<string | null>(null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  // A file over the limit never leaves the browser: the server would refuse the whole form without a word
  // about which field.
  const checkImage = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (file && file.size > MAX_IMAGE_BYTES) {
      setImageTooBig(
        `This photo is ${(file.size / 1024 / 1024).toFixed(1)} MB: choose one of ${MAX_IMAGE_MB} MB or smaller.`,
      );
      e.target.value = "";
    } else setImageTooBig(null);
  };
  const imageErrors = imageTooBig ? [imageTooBig] : errors.image;
  const props = (name: string) => ({
    id: name,
    name,
    className: inputClass,
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": `${name}-error`,
  });
  return (
    <form action={action} className="space-y-3 rounded-xl border border-stone-200 bg-white p-4" noValidate>
      {product && <input type="hidden" name="id" value={product.id} />}
      {product && <input type="hidden" name="stockSeen" value={product.stock} />}
      {product?.hasOptions && <input type="hidden" name="stock" value={product.stock} />}
      <Field id="name" label="Name" errors={errors.name}>
        <input {...props("name")} defaultValue={product?.name} />
      </Field>
      <Field
        id="slug"
        label="Web address (slug)"
        errors={errors.slug}
        hint="Lowercase words joined by dashes, e.g. kikoy-blue"
      >
        <input {...props("slug")} defaultValue={product?.slug} />
      </Field>
      <Field id="description" label="Description" errors={errors.description}>
        <textarea {...props("description")} rows={4} defaultValue={product?.description} />
      </Field>
      <div className="grid grid-cols-2 gap-3">
        <Field id="priceKes" label="Price (KES)" errors={errors.priceKes}>
          <input {...props("priceKes")} inputMode="numeric" defaultValue={product?.priceKes} />
        </Field>
        <Field id="compareAtKes" label="Was (KES), for a sale" errors={errors.compareAtKes}>
          <input {...props("compareAtKes")} inputMode="numeric" defaultValue={product?.compareAtKes ?? ""} />
        </Field>
      </div>
      {product?.hasOptions ? (
        <p className="text-sm text-stone-700">
          Stock is kept per size and colour: see Options and variants below.
        </p>
      ) : (
        <Field id="stock" label="Stock" errors={errors.stock}>
          <input {...props("stock")} inputMode="numeric" defaultValue={product?.stock ?? 0} />
        </Field>
      )}
      <Field id="categoryId" label="Category" errors={errors.categoryId}>
        <select {...props("categoryId")} defaultValue={product?.categoryId ?? ""}>
          <option value="">Choose…</option>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </Field>
      <Field
        id="image"
        label="Photo"
        errors={imageErrors}
        hint={`JPEG, PNG or WebP, up to ${MAX_IMAGE_MB} MB`}
      >
        <input
          {...props("image")}
          aria-invalid={imageErrors ? true : undefined}
          type="file"
          accept="image/jpeg,image/png,image/webp"
          onChange={checkImage}
        />
      </Field>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton>{product ? "Save product" : "Create product"}</SubmitButton>
        <ActionMessage id="product-msg" result={state} />
      </div>
    </form>
  );
}
