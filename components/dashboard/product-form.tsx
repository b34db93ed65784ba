"use client";

import { type ChangeEvent, useRef, useState } from "react";
import { ActionForm, useActionForm } from "@/components/ui/action-form";
import { ActionMessage } from "@/components/ui/action-message";
import { SelectField, TextArea, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { inputRules } from "@/lib/action-result";
import { type ProductFormState, saveProduct } from "@/lib/dashboard/product-actions";
import { productInput, slugify } from "@/lib/dashboard/product-input";
import { MAX_IMAGE_BYTES, MAX_IMAGE_MB } from "@/lib/storage/limits";

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
  lowStockThreshold: number | null;
};

const rules = inputRules(productInput);

export function ProductForm({
  product,
  categories,
  shopLowStockThreshold,
}: {
  product?: Product;
  categories: { id: string; name: string }[];
  /** Used when the low-stock box is left empty (the alert settings). */
  shopLowStockThreshold: number;
}) {
  const form = useActionForm<ProductFormState>(saveProduct, null, rules);
  const { errors, values } = form;
  const [imageTooBig, setImageTooBig] = useState<string | null>(null);
  // A new product's web address follows its name until the seller edits it.
  const slugRef = useRef<HTMLInputElement>(null);
  const [slugEdited, setSlugEdited] = useState(Boolean(product));
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
  return (
    <ActionForm
      form={form}
      resetOnSuccess={!product}
      className="space-y-3 rounded-xl border border-stone-200 bg-white p-4"
    >
      {product && <input type="hidden" name="id" value={product.id} />}
      {product && <input type="hidden" name="stockSeen" value={product.stock} />}
      {product?.hasOptions && <input type="hidden" name="stock" value={product.stock} />}
      <TextField
        label="Name"
        name="name"
        {...rules.name}
        defaultValue={values.name ?? product?.name}
        errors={errors.name}
        onChange={(e) => {
          if (!slugEdited && slugRef.current) slugRef.current.value = slugify(e.target.value);
        }}
      />
      <TextField
        ref={slugRef}
        label="Web address (slug)"
        name="slug"
        {...rules.slug}
        autoCapitalize="none"
        spellCheck={false}
        hint="Made from the name; lowercase words joined by dashes, e.g. kikoy-blue. Must differ from every other product's."
        defaultValue={values.slug ?? product?.slug}
        errors={errors.slug}
        onChange={() => setSlugEdited(true)}
      />
      <TextArea
        label="Description"
        name="description"
        {...rules.description}
        rows={4}
        defaultValue={values.description ?? product?.description}
        errors={errors.description}
      />
      <div className="grid grid-cols-2 gap-3">
        <TextField
          label="Price (KES)"
          name="priceKes"
          {...rules.priceKes}
          inputMode="numeric"
          placeholder="1,200"
          defaultValue={values.priceKes ?? product?.priceKes}
          errors={errors.priceKes}
        />
        <TextField
          label="Was (KES), for a sale"
          name="compareAtKes"
          {...rules.compareAtKes}
          inputMode="numeric"
          hint="Leave empty when not on sale."
          defaultValue={values.compareAtKes ?? product?.compareAtKes ?? ""}
          errors={errors.compareAtKes}
        />
      </div>
      {product?.hasOptions ? (
        <p className="text-sm text-stone-700">
          Stock is kept per size and colour: see Options and variants below.
        </p>
      ) : (
        <TextField
          label="Stock"
          name="stock"
          {...rules.stock}
          defaultValue={values.stock ?? product?.stock ?? 0}
          errors={errors.stock}
        />
      )}
      <TextField
        label="Low-stock alert at"
        {...form.field("lowStockThreshold", product?.lowStockThreshold?.toString() ?? "")}
        placeholder={String(shopLowStockThreshold)}
        className="max-w-32"
        hint={`One alert when a sale leaves this many or fewer${product?.hasOptions ? " of a size or colour" : ""}. Empty: the shop's default, ${shopLowStockThreshold} (Notifications settings).`}
      />
      <SelectField
        label="Category"
        name="categoryId"
        defaultValue={values.categoryId ?? product?.categoryId ?? ""}
        errors={errors.categoryId}
      >
        <option value="">Choose…</option>
        {categories.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </SelectField>
      <TextField
        label="Photo"
        name="image"
        type="file"
        accept="image/jpeg,image/png,image/webp"
        onChange={checkImage}
        hint={`JPEG, PNG or WebP, up to ${MAX_IMAGE_MB} MB`}
        errors={imageTooBig ? [imageTooBig] : errors.image}
      />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton>{product ? "Save product" : "Create product"}</SubmitButton>
        <ActionMessage id="product-msg" result={form.success} />
      </div>
    </ActionForm>
  );
}
